namespace MikroNet.RouterOs;

/// <summary>
/// The router refused a command. This is an answer, not a connection failure: the connection stays usable.
/// Real messages may end with a code such as " (4)", so compare with <c>StartsWith</c>.
/// </summary>
public sealed class RouterOsTrapException : RouterOsException
{
    public RouterOsTrapException(string command, IReadOnlyList<RouterOsTrap> traps)
        : base($"{command}: {string.Join("; ", traps.Select(t => t.Message))}")
    {
        Command = command;
        Traps = traps;
    }

    public string Command { get; }

    /// <summary>Every trap the command produced before its <c>!done</c> (usually one).</summary>
    public IReadOnlyList<RouterOsTrap> Traps { get; }

    public int? Category => Traps[0].Category;

    public string TrapMessage => Traps[0].Message;
}
