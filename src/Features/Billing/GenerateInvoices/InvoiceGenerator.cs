using System.Data.Common;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Features.Billing.Credit;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Telemetry;
using MikroNet.Infrastructure.Persistence.Entities;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Billing.GenerateInvoices;

/// <summary>
/// Runs <see cref="Sql"/>, then <see cref="InvoiceTax"/> and <see cref="CreditApplication"/> on the invoices it
/// raised (three statements), under the billing lock, in the caller's transaction or its own.
/// </summary>
public sealed class InvoiceGenerator(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier,
    MikroNetMetrics? metrics = null)
{
    /// <summary>
    /// The whole generation as one statement. Parameters: @as_of (date), @lead, @grace, @max_catch_up, @year (int),
    /// @now (timestamptz).
    /// The rules it applies are the database functions of the BillingRules migration: invoice_is_overdue,
    /// billing_period_end and invoice_number.
    /// <list type="bullet">
    /// <item><c>due</c>: each client's last active period (renewing on the plan of a change from the next period when
    /// there is one, else the client's plan) whose renewal day (end − lead) has come by @as_of, for
    /// clients with auto-renew and no invoice overdue as of @as_of (marked, or past its grace and not yet marked
    /// because enforcement has not run).</item>
    /// <item><c>periods</c> (recursive): the next period, then each following one whose renewal day has also come,
    /// so a client several periods behind gets every missing period in one run; <c>depth</c> stops it one period
    /// past @max_catch_up.</item>
    /// <item><c>held</c>: clients more than @max_catch_up periods behind. Nothing is raised for them; they come back
    /// as rows without an invoice (seq NULL) so the caller can list them under needs_attention.</item>
    /// <item><c>new_subscriptions</c>: ON CONFLICT on (client_id, period_index) makes re-runs and racing hosts no-ops.</item>
    /// <item><c>counter</c>: takes as many numbers as there are new periods in one row update; the row lock queues
    /// concurrent numbering and a rollback gives the numbers back.</item>
    /// <item><c>pending</c>: charges not billed yet (one-off charges, prorations) of the clients getting an invoice;
    /// the client's first invoice of the run takes them as lines after the period line, and they are marked billed.</item>
    /// </list>
    /// </summary>
    public const string Sql = """
        WITH RECURSIVE
        due AS (
            SELECT s.client_id, c.anchor_date, c.anchor_index, p.id AS plan_id, p.period_months, p.price, s.period_index,
                   s.end_date
            FROM subscriptions s
            JOIN clients c ON c.id = s.client_id
            JOIN plans p ON p.id = coalesce(c.next_plan_id, c.plan_id)
            WHERE s.end_date <= @as_of + @lead
              AND s.status = 'active'
              AND c.deleted_at IS NULL AND c.auto_renew AND c.anchor_date IS NOT NULL AND c.cancel_on IS NULL
              AND NOT EXISTS (SELECT 1 FROM subscriptions later
                               WHERE later.client_id = s.client_id AND later.period_index > s.period_index)
              AND NOT EXISTS (SELECT 1 FROM invoices i
                               WHERE i.client_id = s.client_id
                                 AND invoice_is_overdue(i.status, i.due_date, @as_of, @grace))
        ),
        periods AS (
            SELECT client_id, anchor_date, anchor_index, plan_id, period_months, price,
                   period_index + 1 AS period_index,
                   end_date + 1 AS start_date,
                   billing_period_end(anchor_date, period_months, period_index + 1 - anchor_index) AS end_date,
                   1 AS depth
            FROM due
          UNION ALL
            SELECT client_id, anchor_date, anchor_index, plan_id, period_months, price,
                   period_index + 1,
                   end_date + 1,
                   billing_period_end(anchor_date, period_months, period_index + 1 - anchor_index),
                   depth + 1
            FROM periods
            WHERE end_date - @lead <= @as_of AND depth <= @max_catch_up
        ),
        held AS (
            SELECT DISTINCT client_id FROM periods WHERE depth > @max_catch_up
        ),
        new_subscriptions AS (
            INSERT INTO subscriptions (client_id, plan_id, period_index, start_date, end_date, price, status, created_at)
            SELECT client_id, plan_id, period_index, start_date, end_date, price, 'active', @now
            FROM periods
            WHERE end_date >= start_date AND client_id NOT IN (SELECT client_id FROM held)
            ORDER BY client_id, period_index
            ON CONFLICT (client_id, period_index) DO NOTHING
            RETURNING id, client_id, plan_id, period_index, start_date, end_date, price
        ),
        counter AS (
            INSERT INTO invoice_number_counters AS c (year, last_value)
            SELECT @year, count(*) FROM new_subscriptions HAVING count(*) > 0
            ON CONFLICT (year) DO UPDATE SET last_value = c.last_value + excluded.last_value
            RETURNING last_value
        ),
        numbered AS (
            SELECT n.*, counter.last_value - count(*) OVER ()
                        + row_number() OVER (ORDER BY n.client_id, n.period_index) AS seq,
                   row_number() OVER (PARTITION BY n.client_id ORDER BY n.period_index) = 1 AS takes_charges
            FROM new_subscriptions n CROSS JOIN counter
        ),
        pending AS (
            SELECT ch.id, ch.client_id, ch.kind, ch.description, ch.amount, ch.taxable,
                   row_number() OVER (PARTITION BY ch.client_id ORDER BY ch.id) AS n
            FROM client_charges ch
            WHERE ch.invoice_id IS NULL AND ch.client_id IN (SELECT client_id FROM new_subscriptions)
        ),
        charge_totals AS (
            SELECT client_id, sum(amount) AS amount FROM pending GROUP BY client_id
        ),
        raised AS (
            INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind,
                                  invoice_date, due_date, net_amount, tax_amount, total_amount, amount_paid, status,
                                  created_at, updated_at)
            SELECT invoice_number(@year, n.seq), @year, n.seq, n.client_id, n.id, 'period', @as_of, n.start_date - 1,
                   n.price + coalesce(ct.amount, 0), 0, n.price + coalesce(ct.amount, 0), 0, 'pending', @now, @now
            FROM numbered n LEFT JOIN charge_totals ct ON ct.client_id = n.client_id AND n.takes_charges
            RETURNING id, number, number_sequence, client_id, subscription_id, invoice_date, due_date, total_amount
        ),
        period_lines AS (
            INSERT INTO invoice_lines (invoice_id, position, kind, description, amount, taxable, created_at)
            SELECT r.id, 1, 'period', period_line_description(p.name, n.start_date, n.end_date), n.price, true, @now
            FROM raised r JOIN new_subscriptions n ON n.id = r.subscription_id JOIN plans p ON p.id = n.plan_id
        ),
        charged AS (
            SELECT r.id AS invoice_id, r.client_id
            FROM raised r JOIN numbered n ON n.id = r.subscription_id WHERE n.takes_charges
        ),
        charge_lines AS (
            INSERT INTO invoice_lines (invoice_id, position, kind, description, amount, taxable, created_at)
            SELECT c.invoice_id, 10 + p.n, p.kind, p.description, p.amount, p.taxable, @now
            FROM pending p JOIN charged c ON c.client_id = p.client_id
        ),
        billed AS (
            UPDATE client_charges ch SET invoice_id = c.invoice_id
            FROM pending p JOIN charged c ON c.client_id = p.client_id
            WHERE ch.id = p.id
        )
        SELECT r.number_sequence AS seq, r.id, r.number, r.client_id, r.subscription_id, n.period_index,
               n.start_date, n.end_date, r.invoice_date, r.due_date, r.total_amount
        FROM raised r JOIN new_subscriptions n ON n.id = r.subscription_id
        UNION ALL
        SELECT NULL, NULL, NULL, d.client_id, NULL, d.period_index, NULL, d.end_date, NULL, NULL, NULL
        FROM due d WHERE d.client_id IN (SELECT client_id FROM held)
        ORDER BY seq NULLS LAST, client_id
        """;

    /// <summary>
    /// Raises what is due as of <paramref name="asOf"/>. A dry run makes exactly the same statement in a transaction
    /// it rolls back: the answer is what a real run would raise now (numbers included), and nothing is written.
    /// </summary>
    public Task<GenerationResult> RunAsync(LocalDate asOf, Instant now, CancellationToken ct, bool dryRun = false,
        ClaimsPrincipal? user = null) =>
        BillingLock.RunAsync(db, dryRun, () => ExecuteAsync(asOf, now, dryRun, user, ct), ct);

    private async Task<GenerationResult> ExecuteAsync(LocalDate asOf, Instant now, bool dryRun, ClaimsPrincipal? user,
        CancellationToken ct)
    {
        var o = options.Value;
        await using var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = Sql;
        AddParameters(cmd, asOf, o.InvoiceLeadDays, o.GraceDays, o.MaxCatchUpPeriods, now);

        var raised = new List<RaisedInvoice>();
        var ids = new List<int>();
        var held = new List<CatchUpHeld>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(0)) held.Add(ReadHeld(reader, o.MaxCatchUpPeriods));
                else
                {
                    raised.Add(ReadRaised(reader, dryRun));
                    ids.Add(reader.GetInt32(1));
                }
            }
        }
        var taxed = await InvoiceTax.ApplyAsync(db, ids, o, now, ct);
        var credited = await CreditApplication.ApplyAsync(db, ids, now, ct);
        if (taxed.Count > 0 || credited.Count > 0)
            for (var k = 0; k < raised.Count; k++)
            {
                if (taxed.TryGetValue(ids[k], out var amounts))
                    raised[k] = raised[k] with { NetAmount = amounts.Net, TaxAmount = amounts.Tax, TotalAmount = amounts.Total };
                if (credited.TryGetValue(ids[k], out var credit))
                    raised[k] = raised[k] with { CreditApplied = credit.Applied, TotalAmount = credit.Total };
            }
        if (!dryRun)
            await notifier.QueueAsync(NotificationEvent.InvoiceRaised,
                [.. raised.Select(r => (r.ClientId, r.InvoiceId))], asOf, now, ct);
        if (!dryRun) metrics?.InvoicesRaised(raised.Count);
        if (!dryRun && raised.Count > 0)
            await BillingAudit.RecordAsync(db, user, now, "billing.invoices_generated", asOf, new
            {
                invoices_raised = raised.Count, first_number = raised[0].Number, last_number = raised[^1].Number,
                total_amount = raised.Sum(r => r.TotalAmount),
            }, ct);
        return new GenerationResult(asOf, dryRun, raised, held);
    }

    /// <summary>Plain CLR types, so the statement runs the same on a bare Npgsql connection (the benchmark does).</summary>
    public static void AddParameters(NpgsqlCommand cmd, LocalDate asOf, int leadDays, int graceDays, int maxCatchUp,
        Instant now)
    {
        cmd.Parameters.AddWithValue("as_of", asOf.ToDateOnly());
        cmd.Parameters.AddWithValue("lead", leadDays);
        cmd.Parameters.AddWithValue("grace", graceDays);
        cmd.Parameters.AddWithValue("max_catch_up", maxCatchUp);
        cmd.Parameters.AddWithValue("year", asOf.Year);
        cmd.Parameters.AddWithValue("now", now.ToDateTimeUtc());
    }

    // A dry run's ids were rolled back with its rows; they would be different ids when the run is made.
    private static RaisedInvoice ReadRaised(DbDataReader r, bool dryRun) => new(
        dryRun ? null : r.GetInt32(1), r.GetString(2), r.GetInt32(3), dryRun ? null : r.GetInt32(4), r.GetInt32(5),
        Date(r, 6), Date(r, 7), Date(r, 8), Date(r, 9), r.GetDecimal(10), 0m, 0m, r.GetDecimal(10));

    private static CatchUpHeld ReadHeld(DbDataReader r, int maxCatchUp) => new(
        r.GetInt32(3), r.GetInt32(5), Date(r, 7),
        $"More than {maxCatchUp} periods behind (Billing:MaxCatchUpPeriods): not caught up automatically.");

    private static LocalDate Date(DbDataReader r, int ordinal) => LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(ordinal));
}
