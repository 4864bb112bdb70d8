using MikroNet.RouterOs;

namespace MikroNet.Features.Provisioning.Reconcile;

/// <summary>One planned change and how to make it on the router.</summary>
internal sealed class Repair(ReconcileChange change, Func<RouterOsConnection, CancellationToken, Task> apply)
{
    public ReconcileChange Change { get; private set; } = change;

    public bool IsKick => Change.Action == "kick";

    public bool IsProfile => Change.Action == "profile";

    /// <summary>
    /// A refusal is recorded on the change and the other repairs go on. So is a connection that broke twice (the
    /// session retries once): the next reconcile looks again, and every repair is idempotent.
    /// </summary>
    public async Task ApplyAsync(RouterSession session, CancellationToken ct)
    {
        try
        {
            await session.RunAsync(connection => apply(connection, ct), ct);
        }
        catch (RouterOsTrapException trap) when (IsKick && trap.TrapMessage.StartsWith("no such item", StringComparison.Ordinal))
        {
            // The customer hung up on their own meanwhile: the session is gone, as wanted.
        }
        catch (RouterOsTrapException trap)
        {
            Change = Change with { Error = trap.TrapMessage };
        }
        catch (RouterOsException ex) when (ex is RouterOsConnectionException or RouterOsEncodingException)
        {
            Change = Change with { Error = ex.Message };
        }
    }

    public static Repair Add(ReconcileChange change, DesiredSecret desired) =>
        new(change, (c, ct) => c.AddAsync(DesiredSecret.SecretMenu, desired.AddProperties(), ct));

    public static Repair Set(ReconcileChange change, string id, List<KeyValuePair<string, string>> properties) =>
        new(change, (c, ct) => c.SetAsync(DesiredSecret.SecretMenu, id, properties, ct));

    public static Repair Remove(ReconcileChange change, string id) =>
        new(change, (c, ct) => c.RemoveAsync(DesiredSecret.SecretMenu, id, ct));

    public static Repair Kick(ReconcileChange change, string sessionId) =>
        new(change, (c, ct) => c.RemoveAsync(DesiredSecret.ActiveMenu, sessionId, ct));

    public static Repair AddProfile(ReconcileChange change, string name, string? rateLimit) =>
        new(change, (c, ct) => c.AddAsync(DesiredSecret.ProfileMenu,
            rateLimit is null ? [new("name", name)] : [new("name", name), new("rate-limit", rateLimit)], ct));
}
