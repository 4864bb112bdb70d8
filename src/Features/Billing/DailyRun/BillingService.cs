using MikroNet.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.DailyRun;

/// <summary>
/// Runs generation then enforcement once per local date at Billing:RunAt, and at start-up for every date
/// missed since the last recorded run. Each date runs in one transaction under the billing advisory lock and
/// is recorded in billing_runs (unique date), so several hosts run a date once between them.
/// </summary>
public sealed class BillingService(IServiceScopeFactory scopes, IClock clock, IOptions<BillingOptions> options,
    MikroNetMetrics metrics, ILogger<BillingService> logger) : BackgroundService
{
    private static readonly Duration MaxSleep = Duration.FromHours(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly BillingSchedule _schedule = new(options.Value.Zone, options.Value.RunAtTime);

    /// <summary>Runs every date whose run is due and not yet recorded, oldest first; returns the runs made.</summary>
    public async Task<IReadOnlyList<BillingRun>> RunDueAsync(CancellationToken ct)
    {
        var latestDue = _schedule.LatestDueDate(clock.GetCurrentInstant());
        LocalDate? last;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            last = await db.BillingRuns.MaxAsync(r => (LocalDate?)r.RunDate, ct);
        }

        // A fresh installation starts with today; it has no missed days to make up.
        var runs = new List<BillingRun>();
        for (var date = last?.PlusDays(1) ?? latestDue; date <= latestDue; date = date.PlusDays(1))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            BillingRun? run;
            try
            {
                run = await RunDateAsync(date, ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                metrics.BillingRun(watch.Elapsed, success: false);
                throw;
            }
            if (run is null) continue;
            metrics.BillingRun(watch.Elapsed, success: true);
            runs.Add(run);
        }
        return runs;
    }

    private async Task<BillingRun?> RunDateAsync(LocalDate date, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await BillingLock.AcquireAsync(db, ct);
        if (await db.BillingRuns.AnyAsync(r => r.RunDate == date, ct)) return null;

        var run = new BillingRun { RunDate = date, StartedAt = clock.GetCurrentInstant() };
        var generated = await scope.ServiceProvider.GetRequiredService<InvoiceGenerator>().RunAsync(date, run.StartedAt, ct);
        var enforced = await scope.ServiceProvider.GetRequiredService<Enforcer>().RunAsync(date, run.StartedAt, ct);
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var reminders = await notifier.QueueRemindersAsync(date, run.StartedAt.InZone(options.Value.Zone).Date,
            run.StartedAt, ct);
        var previous = await db.BillingRuns.MaxAsync(r => (Instant?)r.StartedAt, ct);
        foreach (var held in generated.NeedsAttention)
            logger.LogWarning("Billing run {Date:yyyy-MM-dd}: client {Client} needs attention: {Reason}", date, held.ClientId,
                held.Reason);
        run.InvoicesRaised = generated.Raised.Count;
        run.ClientsIsolated = enforced.ClientsIsolated;
        run.ClientsRestored = enforced.ClientsRestored;
        run.NotificationsFailed = await notifier.FailedSinceAsync(previous, ct);
        run.FinishedAt = clock.GetCurrentInstant();
        db.BillingRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Billing run {Date:yyyy-MM-dd}: {Raised} invoice(s) raised, {Isolated} client(s) isolated, {Restored} restored, "
            + "{Reminders} reminder message(s) queued, {Failed} message(s) failed since the previous run",
            date, run.InvoicesRaised, run.ClientsIsolated, run.ClientsRestored, reminders, run.NotificationsFailed);
        return run;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                await RunDueAsync(stoppingToken);
                var now = clock.GetCurrentInstant();
                // Wake at least hourly: a changed system clock or zone rules then cannot make us oversleep a run.
                var untilNext = _schedule.NextRun(now) - now;
                sleep = (untilNext < MaxSleep ? untilNext : MaxSleep).ToTimeSpan() + TimeSpan.FromSeconds(1);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Billing run failed; retrying in {Delay}", RetryAfterFailure);
                sleep = RetryAfterFailure;
            }
            await Task.Delay(sleep, stoppingToken);
        }
    }
}
