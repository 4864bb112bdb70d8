using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Provisioning.Worker;

/// <summary>
/// Delivers the router outbox. Every host may run one: claiming with SKIP LOCKED keeps them off each other's
/// commands. It keeps going while rounds find work and polls when idle, so a change reaches the router within
/// about one poll interval.
/// </summary>
public sealed partial class ProvisioningWorker(
    IServiceScopeFactory scopes, IOptions<ProvisioningOptions> options, ILogger<ProvisioningWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled) return;

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            var pause = settings.PollInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                claimed = await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database being away must not kill the worker, nor flood the log four times a second.
                LogRoundFailed(logger, ex);
                pause = settings.BaseBackoff;
            }

            if (claimed > 0) continue;
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
