using System.Collections.Concurrent;
using System.Globalization;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

/// <summary>
/// The ids of revoked tokens that have not expired yet, held in memory so that checking a bearer token costs no
/// database round trip. Loaded when the host starts listening and kept current on every host by the
/// <c>user_tokens</c> trigger's NOTIFY (sent when a token is revoked, delivered when that transaction commits).
/// Each host acknowledges a revocation once it holds it, so that logout can wait until every listening host does.
/// Entries leave the set when their token expires, so it never holds more than one token lifetime of logouts.
/// While the LISTEN connection is down the set is not <see cref="IsCurrent"/> and callers ask the database.
/// </summary>
public sealed class RevokedTokens(IServiceScopeFactory scopes, IClock clock) : IDatabaseListener
{
    public const string RevokedChannel = "mikronet_token_revoked";
    public const string AckChannel = "mikronet_token_revoked_ack";
    private static readonly Duration PruneEvery = Duration.FromMinutes(1);

    private readonly string _hostId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Guid, Instant> _revoked = new();
    private readonly ConcurrentDictionary<Guid, AckWaiter> _waiters = new();
    private volatile bool _current;
    private long _nextPruneTicks;

    public IReadOnlyCollection<string> Channels => [RevokedChannel, AckChannel];

    /// <summary>False until the first load, and while the LISTEN connection is down.</summary>
    public bool IsCurrent => _current;

    public bool Contains(Guid tokenId) => _revoked.ContainsKey(tokenId);

    /// <summary>
    /// Not revoked: this set's answer while it is current (completed at once, no await), else the token's row, read
    /// through <paramref name="services"/>' database context, so that a revoked token is never let through.
    /// </summary>
    public ValueTask<bool> IsLiveAsync(Guid tokenId, IServiceProvider services, CancellationToken ct) =>
        _current ? ValueTask.FromResult(!_revoked.ContainsKey(tokenId))
            : new(services.GetRequiredService<MikroNetDb>().UserTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAt == null, ct));

    public async Task ListeningAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        var now = clock.GetCurrentInstant();
        var rows = await db.UserTokens.AsNoTracking().Where(t => t.RevokedAt != null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.ExpiresAt }).ToListAsync(ct);
        foreach (var row in rows) _revoked[row.Id] = row.ExpiresAt;
        _current = true;
    }

    /// <summary>Revocations carry "&lt;token id&gt; &lt;expiry in Unix seconds&gt;", acknowledgements "&lt;token id&gt; &lt;host id&gt;".</summary>
    public void Notified(string channel, string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var id)) return;
        if (channel == AckChannel)
        {
            if (_waiters.TryGetValue(id, out var waiter)) waiter.Acknowledged(parts[1]);
            return;
        }
        if (!long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return;
        Add(id, Instant.FromUnixTimeSeconds(seconds));
        // Not on the listening connection: it is busy delivering this very notification.
        _ = AcknowledgeAsync(id);
    }

    public void Lost() => _current = false;

    /// <summary>This host revoked the token: refuse it here at once, without waiting for the notification.</summary>
    public void Add(Guid tokenId, Instant expiresAt)
    {
        _revoked[tokenId] = expiresAt;
        Prune();
    }

    /// <summary>
    /// Call before revoking; <see cref="AckWaiter.WaitAsync"/> then completes once every host listening at that
    /// moment (this one included) has acknowledged the revocation, i.e. holds it in its own set.
    /// </summary>
    public AckWaiter ExpectAcks(Guid tokenId) => _waiters[tokenId] = new AckWaiter(this, tokenId);

    private async Task AcknowledgeAsync(Guid tokenId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            var payload = $"{tokenId} {_hostId}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({AckChannel}, {payload})");
        }
        catch (Exception)
        {
            // A lost acknowledgement only makes the revoking host's logout wait out its timeout.
        }
    }

    private void Prune()
    {
        var now = clock.GetCurrentInstant();
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.ToUnixTimeTicks() < next
            || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).ToUnixTimeTicks(), next) != next) return;
        foreach (var (id, expiresAt) in _revoked)
            if (expiresAt <= now) _revoked.TryRemove(id, out _);
    }

    /// <summary>Collects the hosts that acknowledged one revocation.</summary>
    public sealed class AckWaiter(RevokedTokens owner, Guid tokenId) : IDisposable
    {
        private readonly HashSet<string> _hosts = [];
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        /// <summary>Waits until <paramref name="hosts"/> distinct hosts acknowledged, or the timeout passes.</summary>
        public async Task<bool> WaitAsync(int hosts, TimeSpan timeout, CancellationToken ct)
        {
            lock (_hosts)
            {
                _expected = hosts;
                if (_hosts.Count >= _expected) return true;
            }
            return await Task.WhenAny(_all.Task, Task.Delay(timeout, ct)) == _all.Task;
        }

        internal void Acknowledged(string host)
        {
            lock (_hosts)
                if (_hosts.Add(host) && _hosts.Count >= _expected) _all.TrySetResult();
        }

        public void Dispose() => owner._waiters.TryRemove(new KeyValuePair<Guid, AckWaiter>(tokenId, this));
    }
}
