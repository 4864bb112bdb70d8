namespace MikroNet.RouterOs;

/// <summary>One <c>!trap</c>; the category is absent on many real traps (login, <c>failure: …</c>).</summary>
public sealed record RouterOsTrap(int? Category, string Message);
