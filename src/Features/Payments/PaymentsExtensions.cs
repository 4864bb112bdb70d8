using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MikroNet.Features.Payments.Gateways;
using MikroNet.Features.Payments.Reconcile;
using Polly;

namespace MikroNet.Features.Payments;

public static class PaymentsExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        AddGateway<Midtrans>(services);
        AddGateway<Xendit>(services);
        services.AddScoped<NoticeProcessor>();
        services.AddScoped<CreateLink.Data>();
        services.AddScoped<PaymentReconciler>();
        services.AddHostedService<ReconcileService>();
        return services;
    }

    /// <summary>Per-attempt and total timeouts, retries with exponential backoff and jitter on transient failures.</summary>
    private static void AddGateway<TGateway>(IServiceCollection services) where TGateway : class, IPaymentGateway
    {
        services.AddHttpClient<TGateway>()
            .AddResilienceHandler("gateway", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<PaymentsOptions>>().Value;
                pipeline.AddTimeout(settings.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.Retries,
                    Delay = settings.RetryDelay,
                    BackoffType = Polly.DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(settings.AttemptTimeout);
            });
        services.AddTransient<IPaymentGateway>(sp => sp.GetRequiredService<TGateway>());
    }
}
