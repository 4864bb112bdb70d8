using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MikroNet.Features.Payments.Reconcile;
using MikroNet.Tests.Fixtures;

namespace MikroNet.Tests.Payments;

/// <summary>The host with both gateways configured against <see cref="FakeGateways"/>, every log line captured.</summary>
public sealed class PaymentsFixture : AppFixture
{
    public FakeGateways Gateways { get; } = new();
    public ConcurrentQueue<string> Logs { get; } = new();

    public override async Task InitializeAsync()
    {
        await Gateways.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateways.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Payments:Midtrans:ServerKey", FakeGateways.ServerKey),
        new("Payments:Midtrans:SnapBaseUrl", Gateways.BaseUrl),
        new("Payments:Midtrans:ApiBaseUrl", Gateways.BaseUrl),
        new("Payments:Xendit:SecretKey", FakeGateways.XenditSecret),
        new("Payments:Xendit:CallbackToken", FakeGateways.CallbackToken),
        new("Payments:Xendit:BaseUrl", Gateways.BaseUrl),
        new("Payments:ReconcileEnabled", "false"),
        new("Payments:AttemptTimeout", "00:00:00.500"),
        new("Payments:TotalTimeout", "00:00:02"),
        new("Payments:Retries", "2"),
        new("Payments:RetryDelay", "00:00:00.020"),
        new("Logging:LogLevel:Default", "Debug"),
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));

    /// <summary>Runs reconcile as the periodic job and the CLI verb do.</summary>
    public async Task<ReconcileReport> ReconcileAsync(string? gateway = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentReconciler>().RunAsync(gateway, default);
    }
}
