using System.Globalization;
using System.Text.Json;
using MikroNet.Features.Provisioning.Reconcile;
using MikroNet.Infrastructure.Persistence;
using MikroNet.RouterOs;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Host.Cli;

/// <summary>
/// `routers reconcile [--router ID] [--dry-run]`: every router (or one), a JSON report per router on stdout.
/// Exit code 1 when a router could not be reached or a repair was refused, so cron mails the operator.
/// </summary>
internal static class RoutersVerb
{
    private const string Usage = "Usage: routers reconcile [--router ID] [--dry-run]";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "reconcile" || !TryParse(args[1..], out var routerId, out var dryRun))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        var reconciler = scope.ServiceProvider.GetRequiredService<RouterReconciler>();
        var routers = await db.Routers.AsNoTracking().Where(r => routerId == null || r.Id == routerId).OrderBy(r => r.Id).ToListAsync();
        if (routerId is not null && routers.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Router {routerId} was not found.");
            return 1;
        }

        var exitCode = 0;
        foreach (var router in routers)
        {
            try
            {
                var report = await reconciler.ReconcileAsync(router, dryRun, CancellationToken.None);
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
                if (report.FailedChanges > 0) exitCode = 1;
            }
            catch (RouterOsException ex)
            {
                await Console.Error.WriteLineAsync($"Router {router.Id} ({router.Name}) cannot be reconciled: {ex.Message}");
                exitCode = 1;
            }
        }

        return exitCode;
    }

    private static bool TryParse(string[] args, out int? routerId, out bool dryRun)
    {
        routerId = null;
        dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--router" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    routerId = id;
                    i++;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
