using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class AuditEntry
{
    public long Id { get; set; }
    public Instant At { get; set; }
    public int? UserId { get; set; }

    /// <summary>The client address of the request that made the change; null for the system.</summary>
    public string? Address { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>JSON with what changed; never secrets.</summary>
    public string? Data { get; set; }
}
