using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MikroNet.Infrastructure.Persistence;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Reports;

/// <summary>
/// Runs a report's statement on the request's connection in a read-only transaction with JIT off: the statements
/// aggregate up to millions of rows, their cost estimate triggers PostgreSQL's LLVM JIT, and compiling costs more
/// than one pass saves (see docs/reports.md).
/// </summary>
public static class ReportQuery
{
    /// <summary>
    /// For this transaction only: read-only, no JIT, and room for the hash joins and aggregates over a year of
    /// invoices and payments to stay in memory (the 4 MB default spills them to disk at 100,000 clients).
    /// </summary>
    private const string Setup =
        "SET TRANSACTION READ ONLY; SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)";

    public static async Task<List<T>> ReadAsync<T>(MikroNetDb db, string sql, Action<NpgsqlParameterCollection> parameters,
        Func<DbDataReader, T> read, CancellationToken ct)
    {
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
            : null;
        try
        {
            var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            await using (var setup = new NpgsqlCommand(Setup, transaction.Connection, transaction))
                await setup.ExecuteNonQueryAsync(ct);
            await using var cmd = new NpgsqlCommand(sql, transaction.Connection, transaction);
            parameters(cmd.Parameters);
            var rows = new List<T>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) rows.Add(read(reader));
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
            return rows;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    public static LocalDate Date(this DbDataReader r, int ordinal) => LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(ordinal));

    public static void AddDate(this NpgsqlParameterCollection p, string name, LocalDate date) =>
        p.AddWithValue(name, date.ToDateOnly());
}
