using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using BillingServices = MikroNet.Features.Billing.DailyRun;

namespace MikroNet.Tests.Billing;

/// <summary>The billing jobs run in process, as the daily timer and the CLI verbs run them, at the fixture's clock.</summary>
internal static class BillingJobs
{
    public static async Task<IReadOnlyList<RaisedInvoice>> GenerateInProcessAsync(this AppFixture app, LocalDate asOf)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoiceGenerator>()
            .RunAsync(asOf, app.Clock.GetCurrentInstant(), default);
    }

    public static async Task<EnforcementResult> EnforceInProcessAsync(this AppFixture app, LocalDate asOf)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Enforcer>().RunAsync(asOf, app.Clock.GetCurrentInstant(), default);
    }

    public static BillingServices.BillingService BillingService(this AppFixture app) =>
        app.Host.Services.GetRequiredService<BillingServices.BillingService>();
}
