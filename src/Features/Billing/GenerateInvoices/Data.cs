using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MikroNet.Infrastructure.Persistence;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Billing.GenerateInvoices;

/// <summary>Runs <see cref="Sql.Generate"/> under the billing lock, in the caller's transaction or its own.</summary>
public sealed class InvoiceGenerator(MikroNetDb db, IOptions<BillingOptions> options)
{
    public async Task<IReadOnlyList<RaisedInvoice>> RunAsync(LocalDate asOf, Instant now, CancellationToken ct)
    {
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(ct)
            : null;
        try
        {
            await BillingLock.AcquireAsync(db, ct);
            var raised = await ExecuteAsync(asOf, now, ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
            return raised;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private async Task<List<RaisedInvoice>> ExecuteAsync(LocalDate asOf, Instant now, CancellationToken ct)
    {
        var o = options.Value;
        await using var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = Sql.Generate;
        AddParameters(cmd, asOf, o.InvoiceLeadDays, o.GraceDays, now);

        var raised = new List<RaisedInvoice>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) raised.Add(Read(reader));
        return raised;
    }

    /// <summary>Plain CLR types, so the statement runs the same on a bare Npgsql connection (the benchmark does).</summary>
    public static void AddParameters(NpgsqlCommand cmd, LocalDate asOf, int leadDays, int graceDays, Instant now)
    {
        cmd.Parameters.AddWithValue("as_of", asOf.ToDateOnly());
        cmd.Parameters.AddWithValue("lead", leadDays);
        cmd.Parameters.AddWithValue("grace", graceDays);
        cmd.Parameters.AddWithValue("year", asOf.Year);
        cmd.Parameters.AddWithValue("now", now.ToDateTimeUtc());
    }

    private static RaisedInvoice Read(DbDataReader r) => new(
        r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4),
        LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(5)), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(6)),
        LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(7)), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(8)),
        r.GetDecimal(9));
}

public sealed record RaisedInvoice(int InvoiceId, string Number, int ClientId, int SubscriptionId, int PeriodIndex,
    LocalDate StartDate, LocalDate EndDate, LocalDate InvoiceDate, LocalDate DueDate, decimal TotalAmount);
