using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MikroNet.Infrastructure.Persistence;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Billing.GenerateInvoices;

/// <summary>Runs <see cref="Sql"/> under the billing lock, in the caller's transaction or its own.</summary>
public sealed class InvoiceGenerator(MikroNetDb db, IOptions<BillingOptions> options)
{
    /// <summary>
    /// The whole generation as one statement. Parameters: @as_of (date), @lead, @grace, @year (int), @now (timestamptz).
    /// The rules it applies are the database functions of the BillingRules migration: invoice_is_overdue,
    /// billing_period_end and invoice_number.
    /// <list type="bullet">
    /// <item><c>due</c>: each client's last active period whose renewal day (end − lead) has come by @as_of, for
    /// clients with auto-renew and no invoice overdue as of @as_of (marked, or past its grace and not yet marked
    /// because enforcement has not run).</item>
    /// <item><c>periods</c> (recursive): the next period, then each following one whose renewal day has also come,
    /// so a client several periods behind gets every missing period in one run.</item>
    /// <item><c>new_subscriptions</c>: ON CONFLICT on (client_id, period_index) makes re-runs and racing hosts no-ops.</item>
    /// <item><c>counter</c>: takes as many numbers as there are new periods in one row update; the row lock queues
    /// concurrent numbering and a rollback gives the numbers back.</item>
    /// </list>
    /// </summary>
    public const string Sql = """
        WITH RECURSIVE
        due AS (
            SELECT s.client_id, c.anchor_date, c.plan_id, p.period_months, p.price, s.period_index, s.end_date
            FROM subscriptions s
            JOIN clients c ON c.id = s.client_id
            JOIN plans p ON p.id = c.plan_id
            WHERE s.end_date <= @as_of + @lead
              AND s.status = 'active'
              AND c.deleted_at IS NULL AND c.auto_renew AND c.anchor_date IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM subscriptions later
                               WHERE later.client_id = s.client_id AND later.period_index > s.period_index)
              AND NOT EXISTS (SELECT 1 FROM invoices i
                               WHERE i.client_id = s.client_id
                                 AND invoice_is_overdue(i.status, i.due_date, @as_of, @grace))
        ),
        periods AS (
            SELECT client_id, anchor_date, plan_id, period_months, price,
                   period_index + 1 AS period_index,
                   end_date + 1 AS start_date,
                   billing_period_end(anchor_date, period_months, period_index + 1) AS end_date
            FROM due
          UNION ALL
            SELECT client_id, anchor_date, plan_id, period_months, price,
                   period_index + 1,
                   end_date + 1,
                   billing_period_end(anchor_date, period_months, period_index + 1)
            FROM periods
            WHERE end_date - @lead <= @as_of
        ),
        new_subscriptions AS (
            INSERT INTO subscriptions (client_id, plan_id, period_index, start_date, end_date, price, status, created_at)
            SELECT client_id, plan_id, period_index, start_date, end_date, price, 'active', @now
            FROM periods
            WHERE end_date >= start_date
            ORDER BY client_id, period_index
            ON CONFLICT (client_id, period_index) DO NOTHING
            RETURNING id, client_id, period_index, start_date, end_date, price
        ),
        counter AS (
            INSERT INTO invoice_number_counters AS c (year, last_value)
            SELECT @year, count(*) FROM new_subscriptions HAVING count(*) > 0
            ON CONFLICT (year) DO UPDATE SET last_value = c.last_value + excluded.last_value
            RETURNING last_value
        ),
        numbered AS (
            SELECT n.*, counter.last_value - count(*) OVER ()
                        + row_number() OVER (ORDER BY n.client_id, n.period_index) AS seq
            FROM new_subscriptions n CROSS JOIN counter
        ),
        raised AS (
            INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind,
                                  invoice_date, due_date, total_amount, amount_paid, status, created_at, updated_at)
            SELECT invoice_number(@year, seq), @year, seq,
                   client_id, id, 'period', @as_of, start_date - 1, price, 0, 'pending', @now, @now
            FROM numbered
            RETURNING id, number, number_sequence, client_id, subscription_id, invoice_date, due_date, total_amount
        )
        SELECT r.id, r.number, r.client_id, r.subscription_id, n.period_index, n.start_date, n.end_date,
               r.invoice_date, r.due_date, r.total_amount
        FROM raised r JOIN new_subscriptions n ON n.id = r.subscription_id
        ORDER BY r.number_sequence
        """;

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
        cmd.CommandText = Sql;
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
