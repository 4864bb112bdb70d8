using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Provisioning.Reconcile;

/// <summary>A client MikroNet knows, live or deleted, on any router.</summary>
internal sealed record KnownClient(int Id, int? RouterId, string Name, bool Deleted);

/// <summary>What one router holds, as printed at the start of a reconcile.</summary>
/// <param name="Profiles">Profile names, or null when no client needs a profile other than <c>default</c> (not printed).</param>
internal sealed record RouterSnapshot(
    IReadOnlyList<IReadOnlyDictionary<string, string>> Secrets,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Sessions,
    IReadOnlySet<string>? Profiles);

/// <summary>
/// Turns the difference between the database and one router into repairs. Pure: the same inputs give the same
/// plan, and a plan applied in full leaves nothing for the next one (reconcile is stable).
/// </summary>
internal sealed class ReconcilePlanner(
    int routerId,
    IReadOnlyDictionary<int, KnownClient> known,
    IReadOnlyDictionary<string, int> formerOwners)
{
    public List<Repair> Plan(
        IReadOnlyList<(Client Client, DesiredSecret Desired)> live,
        IReadOnlyDictionary<string, string?> neededProfiles,
        RouterSnapshot router,
        out int unmanaged)
    {
        var byName = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var secret in router.Secrets) byName.TryAdd(NameOf(secret), secret);
        var sessions = router.Sessions.ToLookup(NameOf, StringComparer.Ordinal);

        var repairs = new List<Repair>();
        foreach (var (name, rateLimit) in neededProfiles)
        {
            if (router.Profiles is { } profiles && !profiles.Contains(name))
                repairs.Add(Repair.AddProfile(new("profile", name, "a plan's profile is missing on the router", null), name, rateLimit));
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (client, desired) in live)
        {
            wanted.Add(desired.Name);
            repairs.AddRange(SecretRepairs(client, desired, byName.GetValueOrDefault(desired.Name)));
            if (desired.Disabled)
                repairs.AddRange(Kicks(sessions[desired.Name], desired.Name, "secret disabled but a session is live", client.Id));
        }

        unmanaged = 0;
        foreach (var secret in router.Secrets)
        {
            var name = NameOf(secret);
            if (wanted.Contains(name)) continue;
            if (DesiredSecret.ClientIdIn(secret) is not { } id || !known.TryGetValue(id, out var owner))
            {
                unmanaged++;
                continue;
            }

            var reason = WhyNotHere(owner, name);
            repairs.Add(Repair.Remove(new("remove", name, reason, id), secret[".id"]));
            repairs.AddRange(Kicks(sessions[name], name, reason, id));
        }

        // A session outlives its secret on RouterOS: one whose secret is gone but whose name was a managed
        // client's (deleted, renamed, moved) is still online where it should not be.
        foreach (var group in sessions)
        {
            if (wanted.Contains(group.Key) || byName.ContainsKey(group.Key)) continue;
            if (!formerOwners.TryGetValue(group.Key, out var id) || !known.TryGetValue(id, out var owner)) continue;
            repairs.AddRange(Kicks(group, group.Key, WhyNotHere(owner, group.Key) + "; its secret is gone but a session is live", id));
        }

        return repairs;
    }

    private static IEnumerable<Repair> SecretRepairs(Client client, DesiredSecret desired, IReadOnlyDictionary<string, string>? secret)
    {
        if (secret is null)
        {
            yield return Repair.Add(new("add", desired.Name, "missing on the router", client.Id), desired);
            yield break;
        }

        var differences = desired.Differences(secret);
        if (differences.Count == 0) yield break;
        var ownerId = DesiredSecret.ClientIdIn(secret);
        var change = ownerId == client.Id
            ? new ReconcileChange("set", desired.Name, string.Join(", ", differences.Select(d => d.Key)) + " differ from the database", client.Id)
            : new ReconcileChange("adopt", desired.Name,
                (ownerId is null ? "made by hand" : $"commented as client {ownerId}") + $"; taken over for client {client.Id}", client.Id);
        yield return Repair.Set(change, secret[".id"], differences);
    }

    private string WhyNotHere(KnownClient owner, string name) =>
        owner.Deleted ? $"client {owner.Id} was deleted"
        : owner.RouterId != routerId ? $"client {owner.Id} moved to router {owner.RouterId}"
        : owner.Name != name ? $"client {owner.Id} is now named {owner.Name}"
        : $"client {owner.Id} should not be online";

    private static IEnumerable<Repair> Kicks(IEnumerable<IReadOnlyDictionary<string, string>> sessions, string name, string reason, int clientId) =>
        sessions.Select(s => Repair.Kick(new ReconcileChange("kick", name, reason, clientId), s[".id"]));

    private static string NameOf(IReadOnlyDictionary<string, string> item) => item.GetValueOrDefault("name", string.Empty);
}
