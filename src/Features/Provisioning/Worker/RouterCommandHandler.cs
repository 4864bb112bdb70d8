using System.Security.Cryptography;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using MikroNet.Infrastructure.Telemetry;
using MikroNet.RouterOs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MikroNet.Features.Provisioning.Worker;

/// <summary>
/// The router outbox's consumer: delivers a claimed batch over each router's pooled session and keeps the clients'
/// provisioning state. The claim, retries, backoff and order per client are the generic outbox's.
/// </summary>
public sealed partial class RouterCommandHandler(
    MikroNetDb db, RouterConnector connector, SecretProtector secrets, MikroNetMetrics metrics,
    ILogger<RouterCommandHandler> logger)
    : IOutboxHandler<RouterCommand>
{
    /// <summary>
    /// A client's commands run in the order they were queued, one per round. A pending ensure_profile is a barrier
    /// for its router: commands queued after it wait until it is done, so a secret never names a profile that is
    /// still on its way.
    /// </summary>
    public static readonly OutboxQueue Queue = new("router_commands", "client_id")
    {
        BarrierGroup = "router_id",
        BarrierWhere = "kind = 'ensure_profile'",
    };

    private Dictionary<int, Client> _clients = [];

    public async Task<IReadOnlyList<Delivered<RouterCommand>>> DeliverAsync(
        IReadOnlyList<RouterCommand> batch, CancellationToken ct)
    {
        var routerIds = batch.Select(c => c.RouterId).Distinct().ToList();
        var clientIds = batch.Where(c => c.ClientId is not null).Select(c => c.ClientId!.Value).Distinct().ToList();
        var routers = await db.Routers.Where(r => routerIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        _clients = await db.Clients.IgnoreQueryFilters().Include(c => c.Plan)
            .Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        var perRouter = await Task.WhenAll(batch.GroupBy(c => c.RouterId)
            .Select(group => DeliverAsync(routers[group.Key], group.ToList(), ct)));
        return [.. perRouter.SelectMany(o => o)];
    }

    /// <summary>All commands for one router go over its one session at once: each is tagged, so they pipeline.</summary>
    private async Task<Delivered<RouterCommand>[]> DeliverAsync(Router router, List<RouterCommand> commands, CancellationToken ct)
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
            return [.. commands.Select(c => new Delivered<RouterCommand>(c, outcome))];
        }

        return await Task.WhenAll(commands.Select(async command =>
        {
            var client = command.ClientId is { } id ? _clients.GetValueOrDefault(id) : null;
            return new Delivered<RouterCommand>(command, await CommandRunner.RunAsync(connection, command, client, secrets, ct));
        }));
    }

    /// <summary>
    /// A client is synced once its last queued command is delivered, failed when its latest command was refused
    /// for good, and pending (with the last error) while commands wait or retry.
    /// </summary>
    public async Task RecordedAsync(IReadOnlyList<Delivered<RouterCommand>> outcomes, CancellationToken ct)
    {
        var claimedIds = outcomes.Select(o => o.Row.Id).ToList();
        var touched = _clients.Keys.ToList();
        var waiting = (await db.RouterCommands
            .Where(c => c.ClientId != null && touched.Contains(c.ClientId.Value)
                && c.Status == OutboxStatus.Pending && !claimedIds.Contains(c.Id))
            .Select(c => c.ClientId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

        foreach (var (command, outcome) in outcomes)
        {
            metrics.RouterDelivered(command.RouterId, SnakeCaseEnums.ToSnakeCase(outcome.Result));
            if (command.ClientId is not { } id || !_clients.TryGetValue(id, out var client)) continue;
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
}
