using MikroNet.Infrastructure.Telemetry;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Credit;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;
using Npgsql;
using Microsoft.EntityFrameworkCore.Storage;

namespace MikroNet.Features.Billing.Payments;

/// <summary>
/// The one money path: a payment typed in by an operator and one collected by a gateway are both checked,
/// recorded, audited and allowed to restore an isolated client here. Callers hold a transaction and the invoice's
/// row lock (<see cref="LockForPaymentAsync"/>) and save afterwards.
/// </summary>
public sealed class PaymentBook(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier,
    MikroNetMetrics metrics, SharedTransactions shared)
{
    /// <summary>
    /// What a common payment writes, in the order it is written (<see cref="BatchWrites"/>): the payment before the
    /// messages that name it. A payment that also gives credit or restores a client writes more kinds of rows and is
    /// saved by SaveChanges.
    /// </summary>
    public static readonly IReadOnlyList<Type> Rows =
        [typeof(Payment), typeof(Invoice), typeof(Notification), typeof(AuditEntry), typeof(IdempotencyRecord)];

    /// <summary>The row lock queues concurrent payments on one invoice, so each sees the balance the last one left.</summary>
    public async Task<Invoice?> LockInvoiceAsync(int id, CancellationToken ct) =>
        (await db.Invoices.FromSql($"SELECT * FROM invoices WHERE id = {id} FOR UPDATE").ToListAsync(ct))
        .SingleOrDefault();

    /// <summary>
    /// What a payment needs, in one round trip: the invoice's row lock and the payment's id, then the first answer
    /// given to the idempotency key (none for a null key) and the invoice's client (unless deleted; not tracked until
    /// <see cref="PostAsync"/> uses it). Null when the
    /// invoice does not exist. Callers hold a transaction.
    /// </summary>
    /// <remarks>
    /// PostgreSQL runs a batch's statements one after the other, and each later one reads with a snapshot taken after
    /// the lock was granted: it sees what a payment that held the lock before committed (a concurrent repeat of the
    /// same key waits for the lock, then finds the first one's answer), as separate queries did. The client is read
    /// as EF's query filter reads it (not deleted). The payment id is drawn from the identity's own sequence, like
    /// <see cref="KeysBeforeInsert"/> does, by the lock's own statement (a statement less per payment) and so only
    /// for an invoice that exists; it is drawn before it is known whether the payment is made: a refused or replayed
    /// request leaves a gap in the ids, as a rolled back one always did (so may the lock's recheck of a row another
    /// payment changed meanwhile, which evaluates the select list again).
    /// </remarks>
    /// <param name="untracked">Read the invoice untracked: the caller saves with <see cref="SaveAndCommitAsync"/>.</param>
    public async Task<LockedInvoice?> LockForPaymentAsync(int invoiceId, string? idempotencyScope,
        string? idempotencyKey, CancellationToken ct, bool untracked = false)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var statement in LockStatements(invoiceId, idempotencyScope, idempotencyKey)) batch.BatchCommands.Add(statement);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadLockedAsync(reader, untracked, ct);
    }

    /// <summary>
    /// <see cref="LockForPaymentAsync"/> in a transaction shared with the payments waiting at the same moment
    /// (<see cref="SharedTransactions"/>): the invoice is read untracked, and the payment is committed with
    /// <see cref="CommitSharedAsync"/>. Null when the shared transaction failed before the invoice was locked: the
    /// caller pays on its own.
    /// </summary>
    public Task<SharedTransactions.Member<LockedInvoice?>?> LockSharedAsync(int invoiceId, string? idempotencyScope,
        string? idempotencyKey) =>
        shared.JoinAsync(invoiceId, idempotencyKey is null ? null : $"{idempotencyScope}\n{idempotencyKey}",
            LockStatements(invoiceId, idempotencyScope, idempotencyKey), reader => ReadLockedAsync(reader, true, default));

    /// <summary>
    /// Whether a locked invoice's payment of <paramref name="amount"/> writes only rows (<see cref="RowWrites"/>):
    /// it gives no credit and restores no one (it leaves a balance, or its client is not isolated). Anything more
    /// tracks the invoice and goes through the DbContext, in a transaction of its own.
    /// </summary>
    public static bool WritesOnlyRows(LockedInvoice locked, decimal amount) =>
        locked.Untracked && amount <= locked.Invoice.Balance
        && (amount < locked.Invoice.Balance || !ClientRestore.MayRestore(locked.Client));

    private static NpgsqlBatchCommand[] LockStatements(int invoiceId, string? idempotencyScope, string? idempotencyKey) =>
    [
        Statement($"SELECT *, nextval(pg_get_serial_sequence('payments', 'id'))::int AS {PaymentIdColumn} FROM invoices WHERE id = $1 FOR UPDATE",
            new NpgsqlParameter<int> { TypedValue = invoiceId }),
        Statement("SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2",
            new NpgsqlParameter<string?> { TypedValue = idempotencyScope }, new NpgsqlParameter<string?> { TypedValue = idempotencyKey }),
        Statement("SELECT * FROM clients WHERE id = (SELECT client_id FROM invoices WHERE id = $1) AND deleted_at IS NULL",
            new NpgsqlParameter<int> { TypedValue = invoiceId }),
    ];

    /// <summary>The lock statements' three result sets, from the reader positioned on the first.</summary>
    private async Task<LockedInvoice?> ReadLockedAsync(NpgsqlDataReader reader, bool untracked, CancellationToken ct)
    {
        var invoice = untracked ? await db.ReadUntrackedAsync<Invoice>(reader, ct) : await db.ReadTrackedAsync<Invoice>(reader, ct);
        var paymentId = invoice is null ? 0 : reader.GetInt32(reader.GetOrdinal(PaymentIdColumn));
        await reader.NextResultAsync(ct);
        var firstAnswer = await db.ReadUntrackedAsync<IdempotencyRecord>(reader, ct);
        await reader.NextResultAsync(ct);
        var client = await db.ReadUntrackedAsync<Client>(reader, ct);
        return invoice is null ? null : new LockedInvoice(invoice, client, paymentId, firstAnswer) { Untracked = untracked };
    }

    /// <summary>The lock's extra column: not a column of invoices, so no invoice property reads it.</summary>
    private const string PaymentIdColumn = "next_payment_id";

    private static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.AddRange(parameters);
        return statement;
    }

    /// <summary>
    /// Why this amount cannot be paid on this invoice, or null when it can. An operator may not pay more than the
    /// balance; money a gateway already collected may (<paramref name="excessToCredit"/>): the rest becomes credit.
    /// </summary>
    public static PaymentRefusal? Refusal(Invoice invoice, decimal amount, bool excessToCredit = false) =>
        invoice.Status == InvoiceStatus.Void ? new(PaymentRefusalKind.Void, "This invoice is void and takes no payments.")
        : amount <= 0 ? new(PaymentRefusalKind.Amount, "Amount must be greater than 0.")
        : amount > invoice.Balance && !excessToCredit ? new(PaymentRefusalKind.Amount, invoice.Balance == 0
            ? "This invoice is paid in full."
            : $"Amount must not exceed the open balance of {invoice.Balance:0.##}.")
        : null;

    /// <summary>
    /// Adds the payment, moves the invoice's status, restores the client when nothing else is overdue, and queues
    /// the receipt (then the restore message) for the client.
    /// </summary>
    public async Task<PostedPayment> PostAsync(LockedInvoice locked, PaymentEntry entry, ClaimsPrincipal? user,
        Instant now, LocalDate today, CancellationToken ct)
    {
        var (invoice, read, paymentId, _) = locked;
        var writes = WritesOnlyRows(locked, entry.Amount) ? new RowWrites() : null;
        if (writes is not null) writes.Watch(db, invoice);
        else if (locked.Untracked) db.Track(invoice);
        void Add(object row)
        {
            if (writes is null) db.Add(row);
            else writes.Add(row);
        }

        var payment = new Payment
        {
            Id = paymentId,
            InvoiceId = invoice.Id,
            Amount = entry.Amount,
            PaymentDate = entry.PaymentDate,
            PaymentMethod = entry.Method,
            Status = PaymentStatus.Success,
            Reference = entry.Reference,
            IdempotencyKey = entry.IdempotencyKey,
            Gateway = entry.Gateway,
            GatewayMethod = entry.GatewayMethod,
            RecordedByUserId = entry.RecordedByUserId,
            CreatedAt = now,
        };
        Add(payment);
        var toInvoice = Math.Min(payment.Amount, invoice.Balance);
        invoice.AmountPaid += toInvoice;
        await ClientCredit.GiveAsync(db, invoice.ClientId, payment.Amount - toInvoice, ClientCreditKind.Overpayment, now,
            ct, invoice.Id, payment: payment);
        invoice.Status = InvoiceBalance.StatusAfterChange(invoice);
        invoice.UpdatedAt = now;
        // The client is used only when this payment may name it in a message or restore it, and tracked only when
        // the payment goes through the DbContext: tracking a 26-column row, and checking it for changes before the
        // writes, is work a message needs no more than a partial payment with no channel to send on does.
        var client = read is null || !(notifier.CanSend || invoice.Status == InvoiceStatus.Paid) ? null
            : writes is null ? db.Track(read) : read;
        if (client is not null)
        {
            if (writes is null) notifier.Queue(NotificationEvent.PaymentReceived, client, today, now, invoice, payment);
            else notifier.Queue(NotificationEvent.PaymentReceived, client, today, now, invoice, payment, writes);
        }
        var restored = invoice.Status == InvoiceStatus.Paid && await ClientRestore.IfNothingOverdueAsync(db, notifier,
            client, invoice.Id, user, today, options.Value.GraceDays, now, ct, payment);
        Add(AuditLog.Entry(user, now, "payment.recorded", "invoice", invoice.Id,
            new { payment_id = payment.Id, payment.Amount, method = PaymentView.MethodOf(payment), payment.Reference,
                invoice_status = SnakeCaseEnums.ToSnakeCase(invoice.Status) }));
        return new PostedPayment(payment, restored) { Writes = writes };
    }

    /// <summary>
    /// Writes a posted payment with the first answer to its idempotency key and commits: one batch ending with the
    /// COMMIT (<see cref="BatchWrites"/>), from <see cref="PostedPayment.Writes"/> or from the change tracker.
    /// </summary>
    public async Task SaveAndCommitAsync(PostedPayment posted, IdempotencyRecord? answer, IDbContextTransaction transaction,
        CancellationToken ct)
    {
        if (posted.Writes is { } writes)
        {
            if (answer is not null) writes.Add(answer);
            await db.WriteAndCommitAsync(transaction, writes, Rows, ct);
        }
        else
        {
            if (answer is not null) db.IdempotencyRecords.Add(answer);
            await db.SaveAndCommitAsync(transaction, Rows, ct);
        }
        Recorded(posted.Payment);
    }

    /// <summary>
    /// Writes a posted payment (one that <see cref="WritesOnlyRows"/>) with the first answer to its idempotency key in
    /// the shared transaction it locked its invoice in, and waits for the COMMIT: false when the shared transaction
    /// failed and wrote nothing (the caller pays again on its own).
    /// </summary>
    public async Task<bool> CommitSharedAsync(SharedTransactions.Member<LockedInvoice?> member, PostedPayment posted,
        IdempotencyRecord? answer)
    {
        var writes = posted.Writes ?? throw new InvalidOperationException("Only a payment that writes rows is shared.");
        if (answer is not null) writes.Add(answer);
        if (!await member.CommitAsync(db.PlanWrites(writes, Rows))) return false;
        Recorded(posted.Payment);
        return true;
    }

    /// <summary>Counts a committed payment (`mikronet_payments_total`, `mikronet_payment_amount_total`).</summary>
    public void Recorded(Payment payment) =>
        metrics.PaymentRecorded(SnakeCaseEnums.ToSnakeCase(payment.PaymentMethod), payment.Amount);
}
