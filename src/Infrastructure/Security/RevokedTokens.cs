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
/// Entries leave the set when their token expires, so it never holds more than one token lifetime of logouts.
/// While the LISTEN connection is down the set is not <see cref="IsCurrent"/> and callers ask the database.
/// </summary>
public sealed class RevokedTokens(IServiceScopeFactory scopes, IClock clock) : IDatabaseListener
{
    public const string ChannelName = "mikronet_token_revoked";
    private static readonly Duration PruneEvery = Duration.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Instant> _revoked = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _echoes = new();
    private volatile bool _current;
    private long _nextPruneTicks;

    public string Channel => ChannelName;

    /// <summary>False until the first load, and while the LISTEN connection is down.</summary>
    public bool IsCurrent => _current;

    public bool Contains(Guid tokenId) => _revoked.ContainsKey(tokenId);

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

    /// <summary>The trigger's payload: "&lt;token id&gt; &lt;expiry in Unix seconds&gt;".</summary>
    public void Notified(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var id)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return;
        Add(id, Instant.FromUnixTimeSeconds(seconds));
        if (_echoes.TryRemove(id, out var echo)) echo.TrySetResult();
    }

    public void Lost() => _current = false;

    /// <summary>This host revoked the token: refuse it here at once, without waiting for the notification.</summary>
    public void Add(Guid tokenId, Instant expiresAt)
    {
        _revoked[tokenId] = expiresAt;
        Prune();
    }

    /// <summary>
    /// Call before revoking; the task completes when the revocation has come back through this host's LISTEN
    /// connection, i.e. PostgreSQL has committed it and signalled every listening host.
    /// </summary>
    public Task EchoOf(Guid tokenId) =>
        _echoes.GetOrAdd(tokenId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void ForgetEcho(Guid tokenId) => _echoes.TryRemove(tokenId, out _);

    private void Prune()
    {
        var now = clock.GetCurrentInstant();
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.ToUnixTimeTicks() < next
            || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).ToUnixTimeTicks(), next) != next) return;
        foreach (var (id, expiresAt) in _revoked)
            if (expiresAt <= now) _revoked.TryRemove(id, out _);
    }
}
