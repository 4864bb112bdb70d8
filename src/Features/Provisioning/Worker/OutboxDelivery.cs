using System.Security.Cryptography;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs;
using MikroNet.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MikroNet.Features.Provisioning.Worker;

/// <summary>
/// One round of the outbox: claim due commands, deliver them, record the outcomes, all in one transaction.
/// The claimed rows stay locked until the outcome commits, so another host skips them (SKIP LOCKED) and a
/// crash hands them back as still pending.
/// </summary>
public sealed partial class OutboxDelivery(
    MikroNetDb db,
    RouterConnector connector,
    SecretProtector secrets,
    IClock clock,
    IOptions<ProvisioningOptions> options,
    ILogger<OutboxDelivery> logger)
{
    /// <returns>How many commands were claimed; 0 when nothing was due.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(clock.GetCurrentInstant(), settings.BatchSize, ct);
        if (claimed.Count == 0) return 0;

        var routerIds = claimed.Select(c => c.RouterId).Distinct().ToList();
        var clientIds = claimed.Where(c => c.ClientId is not null).Select(c => c.ClientId!.Value).Distinct().ToList();
        var routers = await db.Routers.Where(r => routerIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var clients = await db.Clients.IgnoreQueryFilters().Include(c => c.Plan)
            .Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        var perRouter = await Task.WhenAll(claimed.GroupBy(c => c.RouterId)
            .Select(group => DeliverAsync(routers[group.Key], group.ToList(), clients, ct)));
        var outcomes = perRouter.SelectMany(o => o).ToList();

        var now = clock.GetCurrentInstant();
        foreach (var (command, outcome) in outcomes) Record(command, outcome, now, settings);
        await UpdateClientsAsync(outcomes, clients, claimed, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return claimed.Count;
    }

    /// <summary>
    /// A command is due when no earlier command of the same client is still pending, so a client's commands run
    /// in the order they were queued, one per round. A command that failed for good does not block the ones
    /// after it: a later sync_secret carries the whole desired state and may well succeed.
    /// A pending ensure_profile is a barrier for its router: commands queued after it wait until it is done, so a
    /// secret never names a profile that is still on its way.
    /// Each client's head is found in one pass (DISTINCT ON): a correlated NOT EXISTS planned on a table just
    /// filled in bulk (before autovacuum analysed it) went quadratic, 2 s per claim at 10,000 rows.
    /// </summary>
    private Task<List<RouterCommand>> ClaimAsync(Instant now, int batchSize, CancellationToken ct) =>
        db.RouterCommands.FromSqlInterpolated($"""
            WITH heads AS (
                SELECT DISTINCT ON (client_id) id FROM router_commands
                WHERE status = 'pending' AND client_id IS NOT NULL
                ORDER BY client_id, id),
            barriers AS (
                SELECT router_id, min(id) AS first_id FROM router_commands
                WHERE status = 'pending' AND kind = 'ensure_profile'
                GROUP BY router_id)
            SELECT c.* FROM router_commands c
            LEFT JOIN barriers b ON b.router_id = c.router_id
            WHERE c.status = 'pending' AND c.next_attempt_at <= {now}
              AND (c.client_id IS NULL OR c.id IN (SELECT id FROM heads))
              AND (b.first_id IS NULL OR c.id <= b.first_id)
            ORDER BY c.id
            LIMIT {batchSize}
            FOR UPDATE OF c SKIP LOCKED
            """).ToListAsync(ct);

    /// <summary>All commands for one router go over its one session at once: each is tagged, so they pipeline.</summary>
    private async Task<List<(RouterCommand, DeliveryOutcome)>> DeliverAsync(
        Router router, List<RouterCommand> commands, Dictionary<int, Client> clients, CancellationToken ct)
    {
        RouterOsConnection connection;
        try
        {
            connection = await connector.PooledAsync(router, ct);
        }
        catch (Exception ex) when (ex is RouterOsException or CryptographicException)
        {
            LogUnreachable(logger, router.Id, router.Name, commands.Count, ex.Message);
            var outcome = DeliveryOutcome.Retry($"Router {router.Name} unreachable: {ex.Message}");
            return commands.ConvertAll(c => (c, outcome));
        }

        var results = await Task.WhenAll(commands.Select(async command =>
        {
            var client = command.ClientId is { } id ? clients.GetValueOrDefault(id) : null;
            return (command, await CommandRunner.RunAsync(connection, command, client, secrets, ct));
        }));
        return [.. results];
    }

    private void Record(RouterCommand command, DeliveryOutcome outcome, Instant now, ProvisioningOptions settings)
    {
        command.Attempts++;
        command.LastError = outcome.Error;
        switch (outcome.Result)
        {
            case DeliveryResult.Done:
                command.Status = RouterCommandStatus.Done;
                command.CompletedAt = now;
                break;
            case DeliveryResult.Failed:
                command.Status = RouterCommandStatus.Failed;
                command.CompletedAt = now;
                LogFailed(logger, command.Id, command.Kind, command.ClientId, outcome.Error);
                break;
            case DeliveryResult.Retry:
                command.NextAttemptAt = now + Backoff.After(command.Attempts, settings.BaseBackoff, settings.MaxBackoff);
                break;
        }
    }

    /// <summary>
    /// A client is synced once its last queued command is delivered, failed when its latest command was refused
    /// for good, and pending (with the last error) while commands wait or retry.
    /// </summary>
    private async Task UpdateClientsAsync(
        List<(RouterCommand Command, DeliveryOutcome Outcome)> outcomes, Dictionary<int, Client> clients,
        List<RouterCommand> claimed, CancellationToken ct)
    {
        var claimedIds = claimed.Select(c => c.Id).ToList();
        var touched = clients.Keys.ToList();
        var waiting = (await db.RouterCommands
            .Where(c => c.ClientId != null && touched.Contains(c.ClientId.Value)
                && c.Status == RouterCommandStatus.Pending && !claimedIds.Contains(c.Id))
            .Select(c => c.ClientId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

        foreach (var (command, outcome) in outcomes)
        {
            if (command.ClientId is not { } id || !clients.TryGetValue(id, out var client)) continue;
            (client.ProvisioningState, client.ProvisioningError) = outcome.Result switch
            {
                DeliveryResult.Failed => (ProvisioningState.Failed, outcome.Error),
                DeliveryResult.Retry => (ProvisioningState.Pending, outcome.Error),
                _ when waiting.Contains(id) => (ProvisioningState.Pending, client.ProvisioningError),
                _ => (ProvisioningState.Synced, null),
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Router {RouterId} ({RouterName}) unreachable; {Count} commands will be retried: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, int routerId, string routerName, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Router command {CommandId} ({Kind}) for client {ClientId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, long commandId, RouterCommandKind kind, int? clientId, string? reason);
}
