using Microsoft.Extensions.DependencyInjection;
using MikroNet.Features.Billing.Enforce;
using MikroNet.Infrastructure.Time;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>Isolation and restore as the router sees them, through the outbox worker and the RouterOS emulator.</summary>
public sealed class BillingEmulatorTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Billing_OverdueThenPaid_RouterDisablesKicksThenEnables()
    {
        var emulator = app.Emulator;
        var router = await app.RegisterRouterAsync("billing");
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/plans", new
        {
            name = "Home 10M", price = 150000, period_months = 1, ppp_profile = "home-10m", rate_limit = "10M/10M",
        });
        status.ShouldBe(201, body.ToString());
        var plan = body.GetProperty("data").GetProperty("plan_id").GetInt32();
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.Profiles.Any(p => p.Name == "home-10m" && p.RateLimit == "10M/10M"), Step,
            "the plan's profile reaches the router");

        // This fixture runs on the real clock, so dates are counted from the provider's today.
        var today = app.Host.Services.GetRequiredService<ProviderClock>().Today;
        (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", new
        {
            name = "Siti", phone_number = "081234567890", address = "Jl. Sudirman 2", ppp_secret_name = "siti",
            ppp_password = "siti-pass", router_id = router, plan_id = plan, start_date = today.ToString("yyyy-MM-dd", null),
        });
        status.ShouldBe(201, body.ToString());
        var client = body.GetProperty("data").GetProperty("client_id").GetInt32();
        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("siti") is { Disabled: false, Profile: "home-10m" },
            Step, "the client's secret is on the router with the plan's profile");
        emulator.Connect("siti");

        // The first invoice falls due on start + 9; after three days of grace the client is cut off.
        // On the real clock that day is in the future, which the API refuses: run the daily run's step directly.
        await using (var scope = app.Host.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<Enforcer>().RunAsync(today.PlusDays(9 + 3 + 1),
                scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant(), default)).ClientsIsolated.ShouldBe(1);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.FindSecret("siti")!.Disabled && emulator.ActiveSessions.All(a => a.Name != "siti"), Step,
            "isolation disables the secret and ends the live session");

        (status, body) = await app.AdminAsync(HttpMethod.Get, $"/client/{client}/details");
        var invoice = body.GetProperty("data").GetProperty("subscriptions")[0].GetProperty("invoices")[0];
        invoice.GetProperty("invoice_status").GetString().ShouldBe("overdue");
        (status, body) = await app.AdminAsync(HttpMethod.Post, $"/invoices/{invoice.GetProperty("invoice_id").GetInt32()}/payments",
            new { amount = 150000, payment_method = "cash" });
        status.ShouldBe(201, body.ToString());
        body.GetProperty("data").GetProperty("client_restored").GetBoolean().ShouldBeTrue();
        await ProvisioningFixture.EventuallyAsync(() => !emulator.FindSecret("siti")!.Disabled, Step,
            "paying restores the secret");
    }
}
