using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Time;
using NodaTime;

namespace MikroNet.Features.Payments.Reconcile;

/// <summary>
/// Catches what webhooks missed: asks each enabled gateway's status API about links still open after
/// Payments:ReconcileAfter and feeds every definite answer through the same <see cref="NoticeProcessor"/> rules.
/// </summary>
public sealed class PaymentReconciler(MikroNetDb db, IEnumerable<IPaymentGateway> gateways, NoticeProcessor processor,
    ProviderClock clock, IOptions<PaymentsOptions> options, ILogger<PaymentReconciler> logger)
{
    public async Task<ReconcileReport> RunAsync(string? gatewayName, CancellationToken ct)
    {
        var report = new ReconcileReport();
        var now = clock.Now;
        var cutoff = now.Minus(Duration.FromTimeSpan(options.Value.ReconcileAfter));
        foreach (var gateway in gateways.Where(g => g.Enabled && (gatewayName is null || g.Name == gatewayName)))
        {
            var links = await db.PaymentLinks.AsNoTracking()
                .Where(l => l.Gateway == gateway.Name && l.Status == PaymentLinkStatus.Open && l.CreatedAt <= cutoff)
                .OrderBy(l => l.Id).ToListAsync(ct);
            foreach (var link in links)
            {
                report.Checked++;
                try
                {
                    await ReconcileLinkAsync(gateway, link, now, report, ct);
                }
                catch (GatewayUnavailableException ex)
                {
                    report.Failed++;
                    logger.LogWarning("Payment link {LinkId} could not be reconciled: {Reason}", link.Id, ex.Message);
                }
            }
        }
        return report;
    }

    private async Task ReconcileLinkAsync(IPaymentGateway gateway, PaymentLink link, Instant now, ReconcileReport report,
        CancellationToken ct)
    {
        var notice = await gateway.StatusAsync(link, ct);
        if (notice is null || notice.Outcome == NoticeOutcome.Pending)
        {
            // Nobody paid into it and it can no longer be paid: close it so it is not asked about again.
            if (link.ExpiresAt >= now) return;
            await db.PaymentLinks.Where(l => l.Id == link.Id && l.Status == PaymentLinkStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, PaymentLinkStatus.Expired).SetProperty(l => l.UpdatedAt, now), ct);
            report.Closed++;
            return;
        }
        var stored = await processor.StoreAsync(gateway.Name, GatewayEventSource.Reconcile, notice.Body, notice, ct);
        stored = await processor.ApplyAsync(stored, notice, ct);
        if (stored.Verdict != GatewayEventVerdict.Applied) return;
        if (notice.Outcome == NoticeOutcome.Paid) report.Paid++;
        else report.Closed++;
    }
}

public sealed class ReconcileReport
{
    public int Checked { get; set; }
    public int Paid { get; set; }
    public int Closed { get; set; }
    public int Failed { get; set; }
}
