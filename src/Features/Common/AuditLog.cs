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
        db.AuditEntries.Add(Entry(user, at, action, entityType, entityId, data));

    /// <summary>The audit row itself, for a unit of work kept outside the change tracker (<see cref="RowWrites"/>).</summary>
    public static AuditEntry Entry(ClaimsPrincipal? user, Instant at, string action, string entityType, object entityId,
        object? data = null) => new()
    {
        At = at,
        UserId = user?.UserId(),
        Action = action,
        EntityType = entityType,
        EntityId = entityId.ToString() ?? "",
        Data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
    };

    /// <summary>
    /// Audits a change to a tracked entity with the columns it changes, {before: {…}, after: {…}}, read from the change
    /// tracker so that no changed value is forgotten. Secrets (columns named *password*) are listed under
    /// changed_secrets by name only; updated_at is left out.
    /// </summary>
    public static void AuditUpdate(this MikroNetDb db, ClaimsPrincipal? user, Instant at, string action, string entityType,
        object entity)
    {
        var entry = db.Entry(entity);
        var before = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        var after = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        var secrets = new List<string>();
        foreach (var property in entry.Properties)
        {
            var column = SnakeCaseEnums.ToSnakeCase(property.Metadata.Name);
            if (Equals(property.OriginalValue, property.CurrentValue) || column == "updated_at") continue;
            if (column.Contains("password", StringComparison.Ordinal)) secrets.Add(column.Replace("_protected", ""));
            else (before[column], after[column]) = (Plain(property.OriginalValue), Plain(property.CurrentValue));
        }
        db.Audit(user, at, action, entityType, entry.Property("Id").CurrentValue!,
            new { before, after, changed_secrets = secrets });
    }

    /// <summary>Enums as stored (snake_case), NodaTime values in ISO form.</summary>
    private static object? Plain(object? value) => value switch
    {
        Enum e => SnakeCaseEnums.ToSnakeCase(e.ToString()),
        Instant or LocalDate => value.ToString(),
        _ => value,
    };
}

/// <summary>The audit data of a change: the values that matter before and after it.</summary>
public sealed record AuditChange<T>(T Before, T After);
