using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// /health/ready: the database answers and its schema is the one this build expects. A server that answers but
/// lacks migrations would fail every route with a 500, so it is not ready; the log names the command once.
/// </summary>
public sealed class DatabaseReadiness(IServiceScopeFactory scopes, ILogger<DatabaseReadiness> logger) : IHealthCheck
{
    private int _pendingLogged;
    private int _unreachableLogged;
    // Migrations are never taken back while a host runs, so once they are all applied only reachability is asked.
    private volatile bool _migrated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        try
        {
            if (_migrated) await db.Database.OpenConnectionAsync(ct);
            var pending = _migrated ? [] : await PendingMigrationsAsync(db, ct);
            Interlocked.Exchange(ref _unreachableLogged, 0);
            if (pending.Count == 0)
            {
                _migrated = true;
                return HealthCheckResult.Healthy();
            }
            if (Interlocked.Exchange(ref _pendingLogged, 1) == 0)
                logger.LogWarning("The database lacks {Count} migration(s) ({First} …): not ready until they are applied " +
                    "with the `migrate` verb (`MikroNet.Host migrate`, or `dotnet run --project src/Host -- migrate`)",
                    pending.Count, pending[0]);
            return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Once per outage: a load balancer probes every few seconds.
            if (Interlocked.Exchange(ref _unreachableLogged, 1) == 0)
                logger.LogWarning("The database does not answer ({Reason}): not ready", e.Message);
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    /// <summary>Asks whether the history table exists first: EF would query it anyway and log that as an error.</summary>
    private static async Task<List<string>> PendingMigrationsAsync(MikroNetDb db, CancellationToken ct)
    {
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(ct)) return db.Database.GetMigrations().ToList();
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }
}
