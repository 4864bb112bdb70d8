using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Billing;

/// <summary>
/// One PostgreSQL advisory lock for every billing writer (generation, enforcement, the daily run), held until
/// the transaction ends: hosts take turns instead of racing for the same rows and invoice numbers.
/// </summary>
public static class BillingLock
{
    /// <summary>An arbitrary constant ("MikroNet billing"); advisory locks live in one namespace per database.</summary>
    public const long Key = 0x4d4e_4249_4c4c;

    /// <summary>
    /// Also turns JIT off for the transaction: the billing statements cost enough on paper to trigger LLVM
    /// compilation, which took over a second per statement and is never repaid by one pass over the rows.
    /// </summary>
    public static Task AcquireAsync(MikroNetDb db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key}), set_config('jit', 'off', true)", ct);

    /// <summary>
    /// Runs a billing step under the lock: in the caller's transaction when there is one (the daily run), else in
    /// its own, committed, or rolled back for a dry run so that the answer is exact and nothing is written.
    /// </summary>
    public static async Task<T> RunAsync<T>(MikroNetDb db, bool dryRun, Func<Task<T>> step, CancellationToken ct)
    {
        if (dryRun && db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A dry run needs a transaction of its own to roll back.");
        await using var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(ct)
            : null;
        await AcquireAsync(db, ct);
        var result = await step();
        if (ownTransaction is not null)
        {
            if (dryRun) await ownTransaction.RollbackAsync(ct);
            else await ownTransaction.CommitAsync(ct);
        }
        return result;
    }
}
