using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Credit;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using NodaTime;

namespace MikroNet.Features.Billing.CreditNotes;

/// <summary>
/// The one home of credit notes (the REST route, cancelling now, a downgrade): what the invoice still owes is
/// lowered by a credit line, the rest becomes client credit. Callers hold a transaction and the invoice's row lock
/// (PaymentBook.LockInvoiceAsync), so concurrent notes and payments on one invoice take turns; IssueAsync saves.
/// </summary>
public sealed class CreditNoteBook(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier)
{
    /// <summary>Why this amount cannot be credited on this invoice (status code and message), or null.</summary>
    public async Task<(int Status, string Message)?> RefusalAsync(Invoice invoice, decimal amount, CancellationToken ct)
    {
        if (invoice.Status == InvoiceStatus.Void) return (409, "This invoice is void; there is nothing to credit.");
        var gross = invoice.NetAmount + invoice.TaxAmount;
        if (amount > gross) return (422, $"Amount must not exceed the invoice's gross of {gross:0.##}.");
        var left = await CreditableAsync(invoice, ct);
        return amount > left
            ? (409, $"Only {left:0.##} of this invoice is left to credit ({gross - left:0.##} already credited).")
            : null;
    }

    /// <summary>What is left to credit on an invoice: its gross less the credit notes already raised on it.</summary>
    public async Task<decimal> CreditableAsync(Invoice invoice, CancellationToken ct) =>
        invoice.NetAmount + invoice.TaxAmount
        - await db.CreditNotes.Where(n => n.InvoiceId == invoice.Id).SumAsync(n => n.Amount, ct);

    public async Task<IssuedCreditNote> IssueAsync(Invoice invoice, decimal amount, string reason, ClaimsPrincipal? user,
        LocalDate today, Instant now, CancellationToken ct)
    {
        var applied = Math.Min(amount, invoice.Balance);
        var (year, sequence) = await NextNumberAsync(today.Year, ct);
        var note = new CreditNote
        {
            Number = Format(year, sequence),
            NumberYear = year,
            NumberSequence = sequence,
            InvoiceId = invoice.Id,
            ClientId = invoice.ClientId,
            Amount = amount,
            AppliedToInvoice = applied,
            ToClientCredit = amount - applied,
            Reason = reason,
            CreatedByUserId = user?.UserId(),
            CreatedAt = now,
        };
        db.CreditNotes.Add(note);
        var restored = false;
        if (applied > 0)
        {
            db.InvoiceLines.Add(new InvoiceLine
            {
                InvoiceId = invoice.Id,
                Position = InvoiceLinePositions.Credit,
                Kind = InvoiceLineKind.Credit,
                Description = $"Credit note {note.Number}: {reason}",
                Amount = -applied,
                CreatedAt = now,
            });
            invoice.TotalAmount -= applied;
            invoice.Status = InvoiceBalance.StatusAfterChange(invoice);
            invoice.UpdatedAt = now;
            restored = invoice.Status == InvoiceStatus.Paid && await ClientRestore.IfNothingOverdueAsync(db, notifier,
                invoice.ClientId, invoice.Id, user, today, options.Value.GraceDays, now, ct);
        }
        await ClientCredit.GiveAsync(db, invoice.ClientId, note.ToClientCredit, ClientCreditKind.CreditNote, now, ct,
            invoice.Id, note);
        db.Audit(user, now, "credit_note.issued", "invoice", invoice.Id,
            new { note.Number, note.Amount, applied_to_invoice = applied, to_client_credit = note.ToClientCredit, reason });
        // Saved at once: the next note on this invoice in the same transaction must see this one (CreditableAsync).
        await db.SaveChangesAsync(ct);
        return new IssuedCreditNote(note, restored);
    }

    public static string Format(int year, int sequence) => $"CN-{year}-{sequence:D6}";

    /// <summary>The year's counter row, locked until the transaction ends: no gaps, no duplicates (as invoices).</summary>
    private async Task<(int Year, int Sequence)> NextNumberAsync(int year, CancellationToken ct)
    {
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO credit_note_number_counters AS c (year, last_value) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last_value = c.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return (year, values[0]);
    }
}

public sealed record IssuedCreditNote(CreditNote Note, bool ClientRestored);
