namespace MikroNet.Features.Routers.CheckRouter;

public sealed class Request
{
    public int Id { get; set; }
}

/// <param name="Problem">Why it is unreachable: <c>unreachable</c>, <c>timeout</c>, <c>login_failed</c>, <c>certificate</c>, <c>refused</c>.</param>
/// <param name="Reason">The client's or the router's own message.</param>
public sealed record Response(
    int RouterId,
    bool Reachable,
    string? Identity,
    string? Version,
    string? BoardName,
    string? Uptime,
    long ElapsedMs,
    string? Problem,
    string? Reason);
