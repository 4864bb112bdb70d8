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
}
