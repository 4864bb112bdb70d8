using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

/// <summary>
/// Revokes tokens so that no host accepts them any more: the UPDATE runs in the caller's transaction (the
/// <c>user_tokens</c> trigger tells every host when it commits), and <see cref="Pending.ConfirmAsync"/>, called after
/// the commit, refuses them on this host at once and waits (at most two seconds) until every host
/// listening to the database has acknowledged them.
/// </summary>
public sealed class TokenRevocation(MikroNetDb db, IClock clock, RevokedTokens revoked)
{
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(2);

    /// <summary>One token (logout); nothing when it was already revoked.</summary>
    public async Task<Pending> RevokeTokenAsync(Guid tokenId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await RunAsync(db.Database.SqlQuery<Row>($"""
            UPDATE user_tokens SET revoked_at = {now} WHERE id = {tokenId} AND revoked_at IS NULL
            RETURNING id, expires_at
            """), ct);
    }

    /// <summary>Every live token of a user (disabled, role or password changed), except <paramref name="keep"/>.</summary>
    public async Task<Pending> RevokeUserAsync(int userId, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var kept = keep ?? Guid.Empty;
        return await RunAsync(db.Database.SqlQuery<Row>($"""
            UPDATE user_tokens SET revoked_at = {now}
            WHERE user_id = {userId} AND id <> {kept} AND revoked_at IS NULL AND expires_at > {now}
            RETURNING id, expires_at
            """), ct);
    }

    private async Task<Pending> RunAsync(IQueryable<Row> update, CancellationToken ct)
    {
        // The notifications are sent at commit, so waiters registered before it cannot miss an acknowledgement.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var rows = await update.ToListAsync(ct);
        var pending = new Pending(this, rows, rows.Select(r => revoked.ExpectAcks(r.Id)).ToList());
        if (own is not null) await own.CommitAsync(ct);
        return pending;
    }

    private void RefuseHere(Row row) => revoked.Add(row.Id, row.ExpiresAt);

    /// <summary>Hosts whose LISTEN connection is open on this database (each acknowledges a revocation).</summary>
    private async Task<int> ListeningHostsAsync(CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = {PostgresConnection.ListenerApplicationName}
            """).ToListAsync(ct))[0];

    public sealed record Row(Guid Id, Instant ExpiresAt);

    /// <summary>Revoked in the transaction; <see cref="ConfirmAsync"/> once it has committed.</summary>
    public sealed class Pending(TokenRevocation owner, IReadOnlyList<Row> rows, IReadOnlyList<RevokedTokens.AckWaiter> waiters)
        : IDisposable
    {
        public int Count => rows.Count;

        public async Task ConfirmAsync(CancellationToken ct)
        {
            if (rows.Count == 0) return;
            foreach (var row in rows) owner.RefuseHere(row);
            var hosts = await owner.ListeningHostsAsync(ct);
            await Task.WhenAll(waiters.Select(w => w.WaitAsync(hosts, AckWait, ct)));
        }

        public void Dispose()
        {
            foreach (var waiter in waiters) waiter.Dispose();
        }
    }
}
