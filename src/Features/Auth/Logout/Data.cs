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
}
