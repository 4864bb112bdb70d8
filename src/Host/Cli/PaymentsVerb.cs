using System.Text.Json;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Features.Payments.Reconcile;

namespace MikroNet.Host.Cli;

/// <summary>
/// `payments reconcile [--gateway midtrans|xendit]`: asks the gateways about links still open after
/// Payments:ReconcileAfter, prints a JSON report; exit 1 when a gateway could not be asked about a link, 2 on bad arguments.
/// </summary>
internal static class PaymentsVerb
{
    private const string Usage = "Usage: payments reconcile [--gateway midtrans|xendit]";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        string? gateway = null;
        var valid = args.Length > 0 && args[0] == "reconcile";
        if (valid && args.Length == 3 && args[1] == "--gateway" && args[2] is Midtrans.GatewayName or Xendit.GatewayName)
            gateway = args[2];
        else if (args.Length != 1) valid = false;
        if (!valid)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PaymentReconciler>().RunAsync(gateway, CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(report, Json));
        return report.Failed > 0 ? 1 : 0;
    }
}
