using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Common;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Time;
using Npgsql;

namespace MikroNet.Features.Payments.CreateLink;

public sealed class Data(MikroNetDb db, ProviderClock clock, IOptions<PaymentsOptions> options,
    IOptions<BillingOptions> billing)
{
    public Task<Invoice?> InvoiceAsync(int id, CancellationToken ct) =>
        db.Invoices.AsNoTracking().Include(i => i.Client).SingleOrDefaultAsync(i => i.Id == id, ct);

    /// <summary>The link still payable for this invoice and gateway; one past its expiry is closed on the way.</summary>
    public async Task<PaymentLink?> OpenLinkAsync(int invoiceId, string gateway, CancellationToken ct)
    {
        var open = await db.PaymentLinks.SingleOrDefaultAsync(
            l => l.InvoiceId == invoiceId && l.Gateway == gateway && l.Status == PaymentLinkStatus.Open, ct);
        if (open is null || open.ExpiresAt > clock.Now) return open;
        open.Status = PaymentLinkStatus.Expired;
        open.UpdatedAt = clock.Now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Calls the gateway, then stores the link; a concurrent request that stored first wins (Created false).</summary>
    public async Task<(PaymentLink Link, bool Created)> CreateAsync(Invoice invoice, IPaymentGateway gateway,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var lifetime = options.Value.LinkLifetime;
        // A new order id per link: gateways refuse a reused one, and a second link for the invoice needs its own.
        var externalId = $"{invoice.Number}-{Guid.NewGuid():N}"[..(invoice.Number.Length + 9)];
        var order = new LinkOrder(externalId, invoice.Balance, $"Invoice {invoice.Number}", invoice.Client?.Name ?? "",
            invoice.Client?.PhoneNumber, lifetime, billing.Value.Currency);
        var created = await gateway.CreateLinkAsync(order, ct);
        var now = clock.Now;
        var link = new PaymentLink
        {
            InvoiceId = invoice.Id,
            Gateway = gateway.Name,
            ExternalId = externalId,
            GatewayReference = created.GatewayReference,
            Url = created.Url,
            Amount = invoice.Balance,
            Status = PaymentLinkStatus.Open,
            ExpiresAt = now.Plus(NodaTime.Duration.FromTimeSpan(lifetime)),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.PaymentLinks.Add(link);
        db.Audit(user, now, "payment_link.created", "invoice", invoice.Id,
            new { link.Gateway, link.ExternalId, link.Amount, link.ExpiresAt });
        try
        {
            await db.SaveChangesAsync(ct);
            return (link, true);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var winner = await db.PaymentLinks.AsNoTracking().SingleAsync(
                l => l.InvoiceId == invoice.Id && l.Gateway == gateway.Name && l.Status == PaymentLinkStatus.Open, ct);
            return (winner, false);
        }
    }
}
