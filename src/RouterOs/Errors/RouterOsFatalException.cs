namespace MikroNet.RouterOs;

/// <summary>The router sent <c>!fatal</c> and closed the session (e.g. <c>/quit</c>, reboot).</summary>
public sealed class RouterOsFatalException(string reason)
    : RouterOsConnectionException($"Router closed the session: {reason}")
{
    public string Reason { get; } = reason;
}
