using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing.DailyRun;
using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Features.Billing.CancelClient;
using MikroNet.Features.Billing.ChangePlan;
using MikroNet.Features.Billing.Charges;
using MikroNet.Features.Billing.CreditNotes;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Billing.VoidInvoice;
using MikroNet.Infrastructure.Time;
using NodaTime;

namespace MikroNet.Features.Billing;

public static class BillingExtensions
{
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ProviderClock(sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IOptions<BillingOptions>>().Value.Zone));
        services.AddScoped<InvoiceGenerator>();
        services.AddScoped<Enforcer>();
        services.AddScoped<PaymentBook>();
        services.AddScoped<CreditNoteBook>();
        services.AddScoped<ChargeBook>();
        services.AddScoped<ClientBilling>();
        services.AddScoped<ClientCanceller>();
        services.AddScoped<PlanChanger>();
        services.AddScoped<InvoiceVoider>();
        // One instance serves as the hosted service and as what the CLI and tests call RunDueAsync on.
        services.AddSingleton<BillingService>();
        services.AddHostedService(sp => sp.GetRequiredService<BillingService>());
        return services;
    }
}
