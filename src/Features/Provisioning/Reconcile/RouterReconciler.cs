using System.Diagnostics;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs;
using MikroNet.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Provisioning.Reconcile;

/// <summary>
/// Compares a router's PPP secrets with the database and repairs the drift. A secret is managed when its comment
/// is the id of a client MikroNet knows (live or deleted), or when its name is that of a live client of this
/// router (it is then adopted). Anything else belongs to the operator and is never touched.
/// </summary>
public sealed class RouterReconciler(MikroNetDb db, RouterConnector connector, SecretProtector secrets)
{
    /// <exception cref="RouterOsException">The router could not be reached or refused the prints.</exception>
    public async Task<ReconcileReport> ReconcileAsync(Router router, bool dryRun, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var live = await db.Clients.AsNoTracking().Include(c => c.Plan)
            .Where(c => c.RouterId == router.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var known = await db.Clients.IgnoreQueryFilters().AsNoTracking()
            .Select(c => new KnownClient(c.Id, c.RouterId, c.PppSecretName, c.DeletedAt != null))
            .ToDictionaryAsync(c => c.Id, ct);

        var connection = await connector.PooledAsync(router, ct);
        var secretsTask = connection.PrintAsync(DesiredSecret.SecretMenu, [DesiredSecret.Proplist], ct);
        var activeTask = connection.PrintAsync(DesiredSecret.ActiveMenu, ["=.proplist=.id,name"], ct);
        var onRouter = await secretsTask;
        var active = await activeTask;

        var plan = Plan(router, live, known, onRouter, active, out var unmanaged);
        if (!dryRun) await ApplyAsync(connection, plan, ct);
        var changes = plan.ConvertAll(p => p.Change);
        if (!dryRun) await MarkRepairedAsync(live, changes, ct);

        return new ReconcileReport(router.Id, router.Name, dryRun, onRouter.Count, live.Count, unmanaged, changes,
            changes.Count(c => c.Error is not null), watch.ElapsedMilliseconds);
    }

    private List<Repair> Plan(
        Router router,
        List<Client> live,
        Dictionary<int, KnownClient> known,
        IReadOnlyList<IReadOnlyDictionary<string, string>> onRouter,
        IReadOnlyList<IReadOnlyDictionary<string, string>> active,
        out int unmanaged)
    {
        var byName = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var secret in onRouter) byName.TryAdd(secret.GetValueOrDefault("name", string.Empty), secret);
        var sessions = active.ToLookup(a => a.GetValueOrDefault("name", string.Empty), StringComparer.Ordinal);

        var repairs = new List<Repair>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in live)
        {
            var desired = DesiredSecret.For(client, secrets);
            wanted.Add(desired.Name);
            if (!byName.TryGetValue(desired.Name, out var secret))
            {
                repairs.Add(new Repair(new("add", desired.Name, "missing on the router", client.Id), desired, null, null));
                continue;
            }

            var differences = desired.Differences(secret);
            if (differences.Count > 0)
            {
                var ownerId = DesiredSecret.ClientIdIn(secret);
                var change = ownerId == client.Id
                    ? new ReconcileChange("set", desired.Name, Describe(differences) + " differ from the database", client.Id)
                    : new ReconcileChange("adopt", desired.Name,
                        (ownerId is null ? "made by hand" : $"commented as client {ownerId}")
                        + $"; taken over for client {client.Id}", client.Id);
                repairs.Add(new Repair(change, null, secret[".id"], differences));
            }

            if (desired.Disabled)
                repairs.AddRange(Kicks(sessions[desired.Name], desired.Name, "secret disabled but a session is live", client.Id));
        }

        unmanaged = 0;
        foreach (var secret in onRouter)
        {
            var name = secret.GetValueOrDefault("name", string.Empty);
            if (wanted.Contains(name)) continue;
            if (DesiredSecret.ClientIdIn(secret) is not { } id || !known.TryGetValue(id, out var owner))
            {
                unmanaged++;
                continue;
            }

            var reason = owner.Deleted ? $"client {id} was deleted"
                : owner.RouterId != router.Id ? $"client {id} moved to router {owner.RouterId}"
                : $"client {id} is now named {owner.Name}";
            repairs.Add(new Repair(new("remove", name, reason, id), null, secret[".id"], null));
            repairs.AddRange(Kicks(sessions[name], name, reason, id));
        }

        return repairs;
    }

    /// <summary>
    /// A client whose last command failed (say, its plan's profile was missing) but whose secret now matches,
    /// because the operator fixed the router and reconciled, is synced again; one still waiting in the outbox
    /// keeps the worker's verdict.
    /// </summary>
    private async Task MarkRepairedAsync(List<Client> live, List<ReconcileChange> changes, CancellationToken ct)
    {
        var refused = changes.Where(c => c.Error is not null && c.ClientId is not null).Select(c => c.ClientId!.Value).ToHashSet();
        var repaired = live.Where(c => c.ProvisioningState == ProvisioningState.Failed && !refused.Contains(c.Id))
            .Select(c => c.Id).ToList();
        if (repaired.Count == 0) return;
        await db.Clients.Where(c => repaired.Contains(c.Id)
                && !db.RouterCommands.Any(r => r.ClientId == c.Id && r.Status == OutboxStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProvisioningState, ProvisioningState.Synced)
                .SetProperty(c => c.ProvisioningError, (string?)null), ct);
    }

    private static IEnumerable<Repair> Kicks(IEnumerable<IReadOnlyDictionary<string, string>> sessions, string name, string reason, int clientId) =>
        sessions.Select(s => new Repair(new ReconcileChange("kick", name, reason, clientId), null, s[".id"], null));

    private static string Describe(List<KeyValuePair<string, string>> differences) =>
        string.Join(", ", differences.Select(d => d.Key));

    /// <summary>
    /// Secrets first, sessions after, each group as one burst of tagged commands: a session is only kicked once
    /// its secret is disabled or gone, so the customer cannot dial straight back in.
    /// </summary>
    private static async Task ApplyAsync(RouterOsConnection connection, List<Repair> plan, CancellationToken ct)
    {
        await Task.WhenAll(plan.Where(r => r.Change.Action != "kick").Select(r => r.ApplyAsync(connection, ct)));
        await Task.WhenAll(plan.Where(r => r.Change.Action == "kick").Select(r => r.ApplyAsync(connection, ct)));
    }

    private sealed record KnownClient(int Id, int? RouterId, string Name, bool Deleted);

    private sealed class Repair(ReconcileChange change, DesiredSecret? toAdd, string? id, List<KeyValuePair<string, string>>? set)
    {
        public ReconcileChange Change { get; private set; } = change;

        public async Task ApplyAsync(RouterOsConnection connection, CancellationToken ct)
        {
            try
            {
                switch (Change.Action)
                {
                    case "add":
                        await connection.AddAsync(DesiredSecret.SecretMenu, toAdd!.AddProperties(), ct);
                        break;
                    case "set" or "adopt":
                        await connection.SetAsync(DesiredSecret.SecretMenu, id!, set!, ct);
                        break;
                    case "remove":
                        await connection.RemoveAsync(DesiredSecret.SecretMenu, id!, ct);
                        break;
                    case "kick":
                        await connection.RemoveAsync(DesiredSecret.ActiveMenu, id!, ct);
                        break;
                }
            }
            catch (RouterOsTrapException trap)
            {
                Change = Change with { Error = trap.TrapMessage };
            }
        }
    }
}
