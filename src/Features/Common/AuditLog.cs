using System.Security.Claims;
using System.Text.Json;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using NodaTime;

namespace MikroNet.Features.Common;

public static class AuditLog
{
    /// <summary>Adds an audit row to the unit of work, so it commits or rolls back with the change it records.</summary>
    public static void Audit(this MikroNetDb db, ClaimsPrincipal? user, Instant at, string action, string entityType,
        object entityId, object? data = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            UserId = user?.UserId(),
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        });
}

/// <summary>The audit data of a change: the values that matter before and after it.</summary>
public sealed record AuditChange<T>(T Before, T After);
