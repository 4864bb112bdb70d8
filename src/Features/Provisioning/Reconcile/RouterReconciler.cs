using System.Diagnostics;
using System.Text.Json;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs;
using MikroNet.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Provisioning.Reconcile;

/// <summary>
/// Compares a router's PPP secrets, sessions and needed profiles with the database and repairs the drift. A secret
/// is managed when its comment is the id of a client MikroNet knows (live or deleted), or when its name is that of
/// a live client of this router (it is then adopted). Anything else belongs to the operator and is never touched.
/// </summary>
public sealed class RouterReconciler(MikroNetDb db, RouterConnector connector, SecretProtector secrets)
{
    /// <exception cref="RouterOsException">The router could not be reached or refused the prints, also on a second connection.</exception>
    public async Task<ReconcileReport> ReconcileAsync(Router router, bool dryRun, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var live = await db.Clients.AsNoTracking().Include(c => c.Plan)
            .Where(c => c.RouterId == router.Id && c.CancelledAt == null).OrderBy(c => c.Id).ToListAsync(ct);
        var known = await db.Clients.IgnoreQueryFilters().AsNoTracking()
            .Select(c => new KnownClient(c.Id, c.RouterId, c.PppSecretName, c.DeletedAt != null || c.CancelledAt != null))
            .ToDictionaryAsync(c => c.Id, ct);
        var desired = live.ConvertAll(c => (c, DesiredSecret.For(c, secrets)));
        var profiles = NeededProfiles(live);

        await using var session = await connector.PooledSessionAsync(router, ct);
        var snapshot = await ReadAsync(session, profiles.Count > 0, ct);
        var planner = new ReconcilePlanner(router.Id, known, await FormerOwnersAsync(router.Id, known, ct));
        var plan = planner.Plan(desired, profiles, snapshot, out var unmanaged);
        if (!dryRun) await ApplyAsync(session, plan, ct);
        var changes = plan.ConvertAll(p => p.Change);
        if (!dryRun) await MarkRepairedAsync(live, changes, ct);

        return new ReconcileReport(router.Id, router.Name, dryRun, snapshot.Secrets.Count, live.Count, unmanaged, changes,
            changes.Count(c => c.Error is not null), watch.ElapsedMilliseconds);
    }

    /// <summary>All prints at once; the profile print only when a client needs a profile other than the built-in one.</summary>
    private static async Task<RouterSnapshot> ReadAsync(RouterSession session, bool withProfiles, CancellationToken ct)
    {
        var secretsTask = session.RunAsync(c => c.PrintAsync(DesiredSecret.SecretMenu, [DesiredSecret.Proplist], ct), ct);
        var sessionsTask = session.RunAsync(c => c.PrintAsync(DesiredSecret.ActiveMenu, ["=.proplist=.id,name"], ct), ct);
        var profilesTask = withProfiles
            ? session.RunAsync(c => c.PrintAsync(DesiredSecret.ProfileMenu, ["=.proplist=name"], ct), ct)
            : null;
        var profiles = profilesTask is null ? null
            : (await profilesTask).Select(p => p.GetValueOrDefault("name", string.Empty)).ToHashSet(StringComparer.Ordinal);
        return new RouterSnapshot(await secretsTask, await sessionsTask, profiles);
    }

    /// <summary>Each non-default profile the router's clients need, with its plan's rate limit (the first plan's when several share it).</summary>
    private static Dictionary<string, string?> NeededProfiles(List<Client> live)
    {
        var needed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var plan in live.Select(c => c.Plan).OfType<Plan>().OrderBy(p => p.Id))
        {
            if (plan.PppProfile != DesiredSecret.DefaultProfile) needed.TryAdd(plan.PppProfile, plan.RateLimit);
        }

        return needed;
    }

    /// <summary>
    /// Which client a secret name belonged to: every client's current name, overridden by the names the outbox
    /// removed or kicked on this router (the newest row wins), which is where a renamed or moved client's old name
    /// is remembered.
    /// </summary>
    private async Task<Dictionary<string, int>> FormerOwnersAsync(int routerId, Dictionary<int, KnownClient> known, CancellationToken ct)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var client in known.Values.OrderBy(c => c.Id)) owners[client.Name] = client.Id;
        var history = await db.RouterCommands.AsNoTracking()
            .Where(c => c.RouterId == routerId && c.ClientId != null
                && (c.Kind == RouterCommandKind.RemoveSecret || c.Kind == RouterCommandKind.KickSession))
            .OrderBy(c => c.Id).Select(c => new { ClientId = c.ClientId!.Value, c.Kind, c.Payload }).ToListAsync(ct);
        foreach (var row in history)
        {
            if (NameIn(row.Kind, row.Payload) is { } name) owners[name] = row.ClientId;
        }

        return owners;
    }

    /// <summary>A malformed row (the worker marked it failed) tells nothing about a name.</summary>
    private static string? NameIn(RouterCommandKind kind, string payload)
    {
        try
        {
            return RouterMessageJson.Read(kind, payload) switch
            {
                RemoveSecret remove => remove.Name,
                KickSession kick => kick.Name,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
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

    /// <summary>
    /// Profiles first (a secret may name one), then secrets, then sessions, each group as one burst of tagged
    /// commands: a session is only kicked once its secret is disabled or gone, so the customer cannot dial
    /// straight back in.
    /// </summary>
    private static async Task ApplyAsync(RouterSession session, List<Repair> plan, CancellationToken ct)
    {
        await Task.WhenAll(plan.Where(r => r.IsProfile).Select(r => r.ApplyAsync(session, ct)));
        await Task.WhenAll(plan.Where(r => !r.IsProfile && !r.IsKick).Select(r => r.ApplyAsync(session, ct)));
        await Task.WhenAll(plan.Where(r => r.IsKick).Select(r => r.ApplyAsync(session, ct)));
    }
}
