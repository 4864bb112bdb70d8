using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace MikroNet.Infrastructure.Telemetry;

/// <summary>
/// The values of the gauges that live in the database (the outbox per router, the last billing run), read with two
/// queries right before each scrape of /metrics.
/// </summary>
public sealed class MetricsSnapshot(IServiceScopeFactory scopes, IClock clock)
{
    public sealed record RouterOutbox(int RouterId, string Name, long Pending, long Failed, double OldestAgeSeconds);

    public IReadOnlyList<RouterOutbox> Routers { get; private set; } = [];

    public double? LastBillingSuccessUnixSeconds { get; private set; }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        var now = clock.GetCurrentInstant();
        Routers = await db.Database.SqlQuery<RouterOutbox>($"""
            SELECT r.id AS router_id, r.name,
                   count(c.id) FILTER (WHERE c.status = 'pending') AS pending,
                   count(c.id) FILTER (WHERE c.status = 'failed') AS failed,
                   coalesce(extract(epoch FROM {now} - min(c.created_at) FILTER (WHERE c.status = 'pending')), 0)::float8
                       AS oldest_age_seconds
            FROM routers r LEFT JOIN router_commands c ON c.router_id = r.id AND c.status IN ('pending', 'failed')
            GROUP BY r.id, r.name ORDER BY r.id
            """).ToListAsync(ct);
        var last = await db.BillingRuns.MaxAsync(r => r.FinishedAt, ct);
        LastBillingSuccessUnixSeconds = last?.ToUnixTimeTicks() / (double)NodaConstants.TicksPerSecond;
    }
}
