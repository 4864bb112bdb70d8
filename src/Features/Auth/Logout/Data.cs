using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Auth.Logout;

internal static class Data
{
    /// <summary>
    /// Marks the token revoked (the trigger on user_tokens tells every host); returns its expiry, or null when it
    /// was already revoked.
    /// </summary>
    public static async Task<Instant?> RevokeAsync(MikroNetDb db, Guid tokenId, Instant now, CancellationToken ct)
    {
        var expiry = await db.Database.SqlQuery<Instant>($"""
            UPDATE user_tokens SET revoked_at = {now} WHERE id = {tokenId} AND revoked_at IS NULL
            RETURNING expires_at AS "Value"
            """).ToListAsync(ct);
        return expiry.Count == 0 ? null : expiry[0];
    }

    /// <summary>Hosts whose LISTEN connection is open on this database (each acknowledges a revocation).</summary>
    public static async Task<int> ListeningHostsAsync(MikroNetDb db, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = {PostgresConnection.ListenerApplicationName}
            """).ToListAsync(ct))[0];
}
