using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Time;
using MikroNet.Tests.Driver;
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
        return (await scope.ServiceProvider.GetRequiredService<InvoiceGenerator>()
            .RunAsync(asOf, app.Clock.GetCurrentInstant(), default)).Raised;
    }

    public static async Task<EnforcementResult> EnforceInProcessAsync(this AppFixture app, LocalDate asOf)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Enforcer>().RunAsync(asOf, app.Clock.GetCurrentInstant(), default);
    }

    public static BillingServices.BillingService BillingService(this AppFixture app) =>
        app.Host.Services.GetRequiredService<BillingServices.BillingService>();

    /// <summary>
    /// Calls the API as the admin on another day, as a cron job on that day would: the API refuses an as_of after
    /// today, so the clock moves to 10:00 of that day in the provider's zone for the call, with a token taken then
    /// (tokens expire by the clock), and moves back afterwards.
    /// </summary>
    public static async Task<T> OnDayAsync<T>(this AppFixture app, LocalDate day, Func<Api, Task<T>> call)
    {
        await app.Api.AdminTokenAsync();
        var before = app.Clock.GetCurrentInstant();
        var zone = app.Host.Services.GetRequiredService<ProviderClock>().Zone;
        app.Clock.Reset(day.At(new LocalTime(10, 0)).InZoneLeniently(zone).ToInstant());
        try
        {
            return await call(app.Api.As(await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword)));
        }
        finally
        {
            app.Clock.Reset(before);
        }
    }

    /// <summary>POST /invoices/generate on the day it is for.</summary>
    public static Task<ApiResponse<Envelope<Response>>> GenerateOnDayAsync(this AppFixture app, LocalDate asOf) =>
        app.OnDayAsync(asOf, api => api.GenerateInvoicesAsync(asOf));

    /// <summary>POST /invoices/enforce on the day it is for.</summary>
    public static Task<ApiResponse<Envelope<EnforcementResult>>> EnforceOnDayAsync(this AppFixture app, LocalDate asOf) =>
        app.OnDayAsync(asOf, api => api.EnforceAsync(asOf));
}
