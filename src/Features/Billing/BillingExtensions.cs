using Microsoft.Extensions.DependencyInjection;
using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;

namespace MikroNet.Features.Billing;

public static class BillingExtensions
{
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<InvoiceGenerator>();
        services.AddScoped<Enforcer>();
        // One instance serves as the hosted service and as what the CLI and tests call RunDueAsync on.
        services.AddSingleton<BillingService.BillingService>();
        services.AddHostedService(sp => sp.GetRequiredService<BillingService.BillingService>());
        return services;
    }
}
