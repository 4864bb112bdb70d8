using System.Text.Json;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Audit;

public static class AuditPages
{
    /// <summary>One page (limit + 1 rows read: the extra one only says another page exists), actor names joined.</summary>
    public static async Task<Page<AuditView>> ReadAsync(MikroNetDb db, AuditFilter filter, CancellationToken ct)
    {
        var rows = await filter.Apply(db).OrderByDescending(a => a.Id).Take(filter.Limit + 1)
            .Select(a => new
            {
                Entry = a,
                Actor = db.Users.Where(u => u.Id == a.UserId).Select(u => u.Username).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var views = rows.Select(r => new AuditView(r.Entry.Id, r.Entry.At, r.Entry.UserId, r.Actor, r.Entry.Address,
            r.Entry.Action, r.Entry.EntityType, r.Entry.EntityId,
            r.Entry.Data is null ? null : JsonDocument.Parse(r.Entry.Data).RootElement.Clone())).ToList();
        return Page<AuditView>.From(views, filter.Limit, v => v.AuditId);
    }
}
