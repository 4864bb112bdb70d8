using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// One round of an outbox: claim due rows, let the handler deliver them, record the outcomes, all in one
/// transaction. The claimed rows stay locked until the outcome commits, so another host skips them
/// (SKIP LOCKED) and a crash hands them back as still pending: each row is delivered by one round at a time.
/// </summary>
public sealed partial class OutboxRound<TRow>(
    DbContext db, IOutboxHandler<TRow> handler, OutboxConsumer<TRow> consumer, IClock clock,
    ILogger<OutboxRound<TRow>> logger, MikroNetMetrics? metrics = null) where TRow : OutboxRow
{
    /// <returns>How many rows were claimed; 0 when nothing was due.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var settings = consumer.Settings;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<TRow>()
            .FromSqlRaw(consumer.Queue.ClaimSql(), clock.GetCurrentInstant(), settings.BatchSize)
            .ToListAsync(ct);
        if (claimed.Count == 0) return 0;

        var outcomes = await handler.DeliverAsync(claimed, ct);
        var now = clock.GetCurrentInstant();
        foreach (var (row, outcome) in outcomes) Record(row, outcome, now, settings);
        await handler.RecordedAsync(outcomes, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var result in outcomes.GroupBy(o => o.Outcome.Result))
            metrics?.OutboxDelivered(consumer.Queue.Table, SnakeCaseEnums.ToSnakeCase(result.Key), result.Count());
        return claimed.Count;
    }

    private void Record(TRow row, DeliveryOutcome outcome, Instant now, OutboxSettings settings)
    {
        if (outcome is { Result: DeliveryResult.Held, Until: { } until })
        {
            row.NextAttemptAt = until;
            return;
        }
        row.Attempts++;
        row.LastError = outcome.Error;
        switch (outcome.Result)
        {
            case DeliveryResult.Done:
                row.Status = OutboxStatus.Done;
                row.CompletedAt = now;
                break;
            case DeliveryResult.Failed:
                row.Status = OutboxStatus.Failed;
                row.CompletedAt = now;
                LogFailed(logger, consumer.Queue.Table, row.Id, outcome.Error);
                break;
            case DeliveryResult.Retry:
                row.NextAttemptAt = now + Backoff.After(row.Attempts, settings.BaseBackoff, settings.MaxBackoff);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Table} row {RowId} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string table, long rowId, string? reason);
}
