using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// Runs a consumer's rounds for the life of the host. Every host of a deployment may run one per consumer:
/// claiming with SKIP LOCKED keeps them off each other's rows. It keeps going while rounds find work and otherwise
/// sleeps for the poll interval or until <see cref="OutboxWakeUp{TRow}.Wake"/>, so a row is delivered within about
/// one poll interval of its commit.
/// </summary>
public sealed partial class OutboxLoop<TRow>(
    IServiceScopeFactory scopes, OutboxConsumer<TRow> consumer, OutboxWakeUp<TRow> wakeUp,
    ILogger<OutboxLoop<TRow>> logger) : BackgroundService where TRow : OutboxRow
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = consumer.Settings;
        if (!settings.Enabled) return;

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            var pause = settings.PollInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                claimed = await scope.ServiceProvider.GetRequiredService<OutboxRound<TRow>>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database being away must not kill the loop, nor flood the log four times a second.
                LogRoundFailed(logger, consumer.Queue.Table, ex);
                pause = settings.BaseBackoff;
            }

            if (claimed > 0) continue;
            try
            {
                await wakeUp.WaitAsync(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Table}: round failed")]
    private static partial void LogRoundFailed(ILogger logger, string table, Exception exception);
}
