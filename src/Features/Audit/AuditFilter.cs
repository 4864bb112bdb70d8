using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Audit;

/// <summary>
/// The filters of GET /audit and GraphQL auditLog, applied the same way by both: newest first, keyset-paged by id
/// (<see cref="After"/> = the last id of the previous page), <see cref="From"/> inclusive and <see cref="To"/> exclusive.
/// </summary>
public sealed record AuditFilter(string? Entity, string? EntityId, string? Actor, string? Action, Instant? From,
    Instant? To, long? After, int Limit)
{
    public IQueryable<Infrastructure.Persistence.Entities.AuditEntry> Apply(MikroNetDb db)
    {
        var rows = db.AuditEntries.AsNoTracking();
        if (Entity is not null) rows = rows.Where(a => a.EntityType == Entity);
        if (EntityId is not null) rows = rows.Where(a => a.EntityId == EntityId);
        if (Action is not null) rows = rows.Where(a => a.Action == Action);
        if (From is { } from) rows = rows.Where(a => a.At >= from);
        if (To is { } to) rows = rows.Where(a => a.At < to);
        if (After is { } after) rows = rows.Where(a => a.Id < after);
        if (Actor is null) return rows;
        // A number is a user id; anything else a username (without regard to case).
        if (int.TryParse(Actor, out var actorId)) return rows.Where(a => a.UserId == actorId);
        var name = Actor.ToLower();
        return rows.Where(a => db.Users.Any(u => u.Id == a.UserId && u.Username.ToLower() == name));
    }
}
