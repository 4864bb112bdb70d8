using Microsoft.Extensions.DependencyInjection;
using MikroNet.Infrastructure.Time;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;
using CreatePlan = MikroNet.Features.Plans.CreatePlan;

namespace MikroNet.Tests.Billing;

/// <summary>Isolation and restore as the router sees them, through the outbox worker and the RouterOS emulator.</summary>
public sealed class BillingEmulatorTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Billing_OverdueThenPaid_RouterDisablesKicksThenEnables()
    {
        var emulator = app.Emulator;
        var router = await app.Api.AddRouterAsync(app.EmulatorRouter("billing"));
        var created = await app.Api.CreatePlanAsync(new CreatePlan.Request
        {
            Name = "Home 10M", Price = 150000, PeriodMonths = 1, PppProfile = "home-10m", RateLimit = "10M/10M",
        });
        created.Status.ShouldBe(201, created.Text);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.Profiles.Any(p => p.Name == "home-10m" && p.RateLimit == "10M/10M"), Step,
            "the plan's profile reaches the router");

        // This fixture runs on the real clock, so dates are counted from the provider's today.
        var today = app.Host.Services.GetRequiredService<ProviderClock>().Today;
        var registration = Api.NewClient(router, "siti");
        registration.PlanId = created.Data.PlanId;
        registration.StartDate = today;
        var registered = await app.Api.RegisterClientAsync(registration);
        registered.Status.ShouldBe(201, registered.Text);
        var client = registered.Data.ClientId;
        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("siti") is { Disabled: false, Profile: "home-10m" },
            Step, "the client's secret is on the router with the plan's profile");
        emulator.Connect("siti");

        // The first invoice falls due on start + 9; after three days of grace the client is cut off. On the real
        // clock that day is ahead, which the API refuses: the daily run's step runs it in process.
        (await app.EnforceInProcessAsync(today.PlusDays(9 + 3 + 1))).ClientsIsolated.ShouldBe(1);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.FindSecret("siti")!.Disabled && emulator.ActiveSessions.All(a => a.Name != "siti"), Step,
            "isolation disables the secret and ends the live session");

        var invoice = (await app.Api.InvoicesAsync(client))[0];
        invoice.InvoiceStatus.ShouldBe("overdue");
        var paid = await app.Api.PayAsync(invoice.InvoiceId, 150000m);
        paid.Status.ShouldBe(201, paid.Text);
        paid.Data.ClientRestored.ShouldBeTrue();
        await ProvisioningFixture.EventuallyAsync(() => !emulator.FindSecret("siti")!.Disabled, Step,
            "paying restores the secret");
    }
}
