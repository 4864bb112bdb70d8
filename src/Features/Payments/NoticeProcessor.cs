using MikroNet.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Payments;

/// <summary>
/// Applies a gateway's notice, from a webhook or from reconcile, under one set of rules: the raw notice is stored
/// first (committed on its own, so it survives a failure of what follows), then processed in one transaction that
/// holds the link's row lock, so any number of identical notices, concurrent or hours apart, record one payment.
/// </summary>
public sealed class NoticeProcessor(MikroNetDb db, PaymentBook book, ProviderClock clock, MikroNetMetrics metrics)
{
    public async Task<GatewayEvent> StoreAsync(string gateway, GatewayEventSource source, string body,
        GatewayNotice? notice, CancellationToken ct)
    {
        var stored = new GatewayEvent
        {
            Gateway = gateway,
            Source = source,
            ReceivedAt = clock.Now,
            Body = body,
            OrderId = Cut(notice?.OrderId),
            TransactionId = Cut(notice?.TransactionId),
            TransactionStatus = Cut(notice?.Status),
            Verdict = GatewayEventVerdict.Received,
        };
        db.GatewayEvents.Add(stored);
        await db.SaveChangesAsync(ct);
        return stored;
    }

    /// <summary>The payment the notice being applied posted, counted once it is committed.</summary>
    private Payment? _posted;

    public async Task<GatewayEvent> ApplyAsync(GatewayEvent stored, GatewayNotice? notice, CancellationToken ct)
    {
        _posted = null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (verdict, reason) = notice is null
            ? (GatewayEventVerdict.Rejected, "The body is not a notification this gateway sends.")
            : await DecideAsync(stored, notice, ct);
        stored.Verdict = verdict;
        stored.Reason = reason;
        stored.ProcessedAt = clock.Now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (_posted is not null) book.Recorded(_posted);
        metrics.GatewayEvent(stored.Gateway, SnakeCaseEnums.ToSnakeCase(verdict));
        return stored;
    }

    private async Task<(GatewayEventVerdict, string?)> DecideAsync(GatewayEvent stored, GatewayNotice notice,
        CancellationToken ct)
    {
        var link = (await db.PaymentLinks.FromSql(
                $"SELECT * FROM payment_links WHERE gateway = {notice.Gateway} AND external_id = {notice.OrderId} FOR UPDATE")
            .ToListAsync(ct)).SingleOrDefault();
        if (link is null) return (GatewayEventVerdict.Rejected, $"No payment link has order id '{notice.OrderId}'.");
        stored.PaymentLinkId = link.Id;
        var now = clock.Now;
        switch (notice.Outcome)
        {
            case NoticeOutcome.Paid:
                return await PayAsync(stored, link, notice, ct);
            case NoticeOutcome.Closed when link.Status == PaymentLinkStatus.Open:
                link.Status = notice.CloseAs ?? PaymentLinkStatus.Expired;
                link.UpdatedAt = now;
                return (GatewayEventVerdict.Applied, $"Link {SnakeCase(link.Status)}.");
            case NoticeOutcome.Refunded when link.Status != PaymentLinkStatus.Refunded:
                link.Status = PaymentLinkStatus.Refunded;
                link.UpdatedAt = now;
                db.Audit(null, now, "payment_link.refunded", "invoice", link.InvoiceId,
                    new { link_id = link.Id, gateway = link.Gateway, transaction_id = notice.TransactionId, status = notice.Status });
                return (GatewayEventVerdict.Applied, "Link refunded; the payment stays until an operator acts.");
            case NoticeOutcome.Pending:
                return (GatewayEventVerdict.Ignored, "Pending: nothing to record.");
            default:
                return (GatewayEventVerdict.Ignored, $"The link is already {SnakeCase(link.Status)}.");
        }
    }

    private async Task<(GatewayEventVerdict, string?)> PayAsync(GatewayEvent stored, PaymentLink link,
        GatewayNotice notice, CancellationToken ct)
    {
        var recorded = await db.Payments.AsNoTracking()
            .Where(p => p.Gateway == notice.Gateway && p.Reference == notice.TransactionId)
            .Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (recorded is not null)
        {
            stored.PaymentId = recorded;
            return (GatewayEventVerdict.Ignored, $"Already recorded as payment {recorded}.");
        }
        if (notice.TransactionId.Length == 0)
            return (GatewayEventVerdict.Rejected, "The notification names no transaction id.");
        if (notice.Amount != link.Amount)
            return (GatewayEventVerdict.Rejected, $"Amount {notice.Amount:0.00} differs from the link's {link.Amount:0.00}.");

        var locked = await book.LockForPaymentAsync(link.InvoiceId, null, null, ct);
        if (locked is null) return (GatewayEventVerdict.Rejected, "The link's invoice no longer exists.");
        // The customer has paid: what a credit note has taken off the invoice since the link opened becomes credit.
        if (PaymentBook.Refusal(locked.Invoice, link.Amount, excessToCredit: true) is { } refusal)
            return (GatewayEventVerdict.Rejected, refusal.Message);

        var now = clock.Now;
        var (payment, _) = await book.PostAsync(locked, new PaymentEntry(link.Amount, clock.Today,
            GatewayMethods.CategoryOf(notice.Method), notice.TransactionId, Gateway: notice.Gateway,
            GatewayMethod: Cut(notice.Method) ?? "unknown", ExcessToCredit: true), null, now, clock.Today, ct);
        link.Status = PaymentLinkStatus.Paid;
        link.UpdatedAt = now;
        stored.PaymentId = payment.Id;
        _posted = payment;
        return (GatewayEventVerdict.Applied, $"Recorded payment {payment.Id}.");
    }

    private static string SnakeCase(PaymentLinkStatus s) => SnakeCaseEnums.ToSnakeCase(s);

    private static string? Cut(string? text) => text is { Length: > Limits.Name } ? text[..Limits.Name] : text;
}
