using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// Outbox row: a change the router must see, written in the same transaction as the change itself.
/// Payloads never hold passwords; the worker reads them from the client at delivery time.
/// </summary>
public sealed class RouterCommand
{
    public long Id { get; set; }
    public int RouterId { get; set; }
    public Router? Router { get; set; }
    public int? ClientId { get; set; }
    public Client? Client { get; set; }
    public RouterCommandKind Kind { get; set; }
    public required string Payload { get; set; }
    public RouterCommandStatus Status { get; set; }
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? CompletedAt { get; set; }
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

public enum RouterCommandStatus { Pending, Done, Failed }
