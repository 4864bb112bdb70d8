namespace MikroNet.Features.Common;

/// <summary>The seed's body shape: every answer is { "message": …, "data": … }.</summary>
public sealed record Envelope<T>(string Message, T Data);

public sealed record MessageOnly(string Message);
