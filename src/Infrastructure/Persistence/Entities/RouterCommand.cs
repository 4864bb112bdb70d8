using MikroNet.Infrastructure.Outbox;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// Outbox row: a change the router must see, written in the same transaction as the change itself.
/// Payloads never hold passwords; the worker reads them from the client at delivery time.
/// </summary>
public sealed class RouterCommand : OutboxRow
{
    public int RouterId { get; set; }
    public Router? Router { get; set; }
    public int? ClientId { get; set; }
    public Client? Client { get; set; }
    public RouterCommandKind Kind { get; set; }

    /// <summary>The kind's typed message as JSON (snake_case), written and read only through one codec.</summary>
    public required string Payload { get; set; }
}

public enum RouterCommandKind
{
    /// <summary>Make the client's secret match the database (add when missing, set when present).</summary>
    SyncSecret,
    /// <summary>Remove a secret by name (client deleted, renamed or moved to another router).</summary>
    RemoveSecret,
    /// <summary>Drop the live PPP sessions of a secret name.</summary>
    KickSession,
    /// <summary>Make a plan's PPP profile exist with its rate limit.</summary>
    EnsureProfile,
}
