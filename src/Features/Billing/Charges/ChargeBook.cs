using System.Security.Claims;
using Microsoft.Extensions.Options;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using NodaTime;

namespace MikroNet.Features.Billing.Charges;

/// <summary>
/// One-off charges and prorations: left for the next invoice the billing run raises (which takes every charge not
/// billed yet as a line), or invoiced at once on an invoice of their own.
/// </summary>
public sealed class ChargeBook(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier)
{
    public ClientCharge Add(int clientId, ChargeKind kind, string description, decimal amount, bool taxable,
        ClaimsPrincipal? user, Instant now)
    {
        var charge = new ClientCharge
        {
            ClientId = clientId, Kind = kind, Description = description, Amount = amount, Taxable = taxable,
            CreatedByUserId = user?.UserId(), CreatedAt = now,
        };
        db.ClientCharges.Add(charge);
        return charge;
    }

    /// <summary>
    /// An invoice of its own for the charge (kind other, on the client's latest period so that it is listed with
    /// it), due after Billing:PaymentTermDays and taxed, and its messages. Call inside the caller's transaction; it
    /// saves.
    /// </summary>
    public Task<Invoice> InvoiceNowAsync(ClientCharge charge, int subscriptionId, LocalDate today, Instant now,
        CancellationToken ct) => InvoiceNowAsync([charge], subscriptionId, today, now, ct);

    /// <summary>One invoice of their own for several charges (a cancelled client's final invoice).</summary>
    public async Task<Invoice> InvoiceNowAsync(IReadOnlyList<ClientCharge> charges, int subscriptionId, LocalDate today,
        Instant now, CancellationToken ct)
    {
        var total = charges.Sum(c => c.Amount);
        var (year, sequence, number) = await InvoiceNumbers.NextAsync(db, today.Year, ct);
        var invoice = new Invoice
        {
            Number = number,
            NumberYear = year,
            NumberSequence = sequence,
            ClientId = charges[0].ClientId,
            SubscriptionId = subscriptionId,
            Kind = InvoiceKind.Other,
            InvoiceDate = today,
            DueDate = today.PlusDays(options.Value.PaymentTermDays),
            NetAmount = total,
            TotalAmount = total,
            Status = InvoiceStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Lines = [.. charges.Select((c, k) => LineFor(c, InvoiceLinePositions.FirstCharge + k, now))],
        };
        foreach (var charge in charges) charge.Invoice = invoice;
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        await FirstPeriod.TaxAsync(db, invoice, options.Value, now, ct);
        await notifier.QueueAsync(NotificationEvent.InvoiceRaised, [(invoice.ClientId, invoice.Id)], today, now, ct);
        return invoice;
    }

    /// <summary>The line a charge becomes (the billing run writes the same in SQL).</summary>
    public static InvoiceLine LineFor(ClientCharge charge, int position, Instant now) => new()
    {
        Position = position,
        Kind = charge.Kind == ChargeKind.Proration ? InvoiceLineKind.Proration : InvoiceLineKind.Charge,
        Description = charge.Description,
        Amount = charge.Amount,
        Taxable = charge.Taxable,
        CreatedAt = now,
    };
}
