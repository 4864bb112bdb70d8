namespace MikroNet.RouterOs;

/// <summary>The outcome of a command that ended with <c>!done</c> and no <c>!trap</c>.</summary>
/// <param name="Items">One record per <c>!re</c>, in arrival order.</param>
/// <param name="Ret">The <c>=ret=</c> of <c>!done</c>: the new <c>.id</c> of an add, the count of a count-only print.</param>
/// <param name="Done">All attributes of <c>!done</c>, for commands that return more than <c>ret</c>.</param>
public sealed record RouterOsReply(IReadOnlyList<IReadOnlyDictionary<string, string>> Items, string? Ret, IReadOnlyDictionary<string, string> Done);
