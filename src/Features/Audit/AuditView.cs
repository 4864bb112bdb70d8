using System.Text.Json;
using NodaTime;

namespace MikroNet.Features.Audit;

/// <summary>
/// One audit row: who (actor_id and username; both null for the system: a billing run, a gateway webhook, a CLI
/// verb), when, from which address, what (action on entity/entity_id) and the values that matter (data, often
/// {before, after}).
/// </summary>
public sealed record AuditView(long AuditId, Instant At, int? ActorId, string? Actor, string? Address, string Action,
    string Entity, string EntityId, JsonElement? Data);
