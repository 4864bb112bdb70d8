using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Users;

/// <summary>
/// Changes to users run one at a time (the lock registration takes too), so two admins demoting or disabling each
/// other at once cannot leave the system without an enabled admin.
/// </summary>
public static class UserChanges
{
    public const long LockKey = 7241001;

    /// <summary>Inside a transaction: takes the users lock and loads the user (null when unknown).</summary>
    public static async Task<User?> LockAsync(MikroNetDb db, int userId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        return await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
    }

    /// <summary>Enabled admins other than <paramref name="userId"/>.</summary>
    public static Task<bool> OtherEnabledAdminExistsAsync(MikroNetDb db, int userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id != userId && u.Role == UserRole.Admin && u.DisabledAt == null, ct);
}
