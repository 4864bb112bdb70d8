using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Payments.Reconcile;

/// <summary>Runs <see cref="PaymentReconciler"/> every Payments:ReconcileEvery while any gateway is configured.</summary>
public sealed class ReconcileService(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options,
    ILogger<ReconcileService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ReconcileEnabled || !(settings.Midtrans.Enabled || settings.Xendit.Enabled)) return;
        using var timer = new PeriodicTimer(settings.ReconcileEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<PaymentReconciler>().RunAsync(null, stoppingToken);
                if (report.Checked > 0)
                    logger.LogInformation("Payment reconcile: {Checked} open links checked, {Paid} paid, {Closed} closed, {Failed} failed",
                        report.Checked, report.Paid, report.Closed, report.Failed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Payment reconcile failed; trying again at the next tick");
            }
        }
    }
}
