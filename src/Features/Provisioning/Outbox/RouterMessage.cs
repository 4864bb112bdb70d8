using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Provisioning.Outbox;

/// <summary>
/// What one router outbox row asks of the router: one record per <see cref="RouterCommandKind"/>. The kind is the
/// row's <c>kind</c> column; the record's fields are its <c>payload</c> (see <see cref="RouterMessageJson"/>).
/// Payloads never hold passwords: the worker reads them from the client at delivery time.
/// </summary>
public abstract record RouterMessage
{
    public abstract RouterCommandKind Kind { get; }
}

/// <summary>
/// Make the client's secret match the database. The worker syncs the client's state at delivery time, so the name
/// is what the secret was called when queued (for the log and the operator), not an instruction.
/// </summary>
public sealed record SyncSecret(string Name) : RouterMessage
{
    public override RouterCommandKind Kind => RouterCommandKind.SyncSecret;
}

/// <summary>Remove the secret of this name, unless its comment names another client (the name was reused).</summary>
public sealed record RemoveSecret(string Name) : RouterMessage
{
    public override RouterCommandKind Kind => RouterCommandKind.RemoveSecret;
}

/// <summary>End the live PPP sessions of this secret name.</summary>
public sealed record KickSession(string Name) : RouterMessage
{
    public override RouterCommandKind Kind => RouterCommandKind.KickSession;
}

/// <summary>Make the PPP profile exist; a null rate limit leaves the router's value alone.</summary>
public sealed record EnsureProfile(string Profile, string? RateLimit) : RouterMessage
{
    public override RouterCommandKind Kind => RouterCommandKind.EnsureProfile;
}
