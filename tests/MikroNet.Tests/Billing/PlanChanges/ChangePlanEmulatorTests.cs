using Microsoft.Extensions.DependencyInjection;
using MikroNet.Infrastructure.Time;
using MikroNet.Tests.Fixtures;
using Xunit;

namespace MikroNet.Tests.Billing.PlanChanges;

/// <summary>A plan change now as the router sees it: the secret's profile follows at once.</summary>
public sealed class ChangePlanEmulatorTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Change_Now_TheSecretGetsTheNewProfile()
    {
        var router = await app.Api.AddRouterAsync(app.EmulatorRouter(Driver.Api.Unique("r")));
        var slow = (await app.Api.CreatePlanAsync(Driver.Api.NewPlan(100_000m, name: "Home 10M emu"))).Expect(201).Data;
        var registration = Driver.Api.NewClient(router, "upgrader");
        registration.PlanId = slow.PlanId;
        registration.StartDate = app.Host.Services.GetRequiredService<ProviderClock>().Today;
        var client = (await app.Api.RegisterClientAsync(registration)).Expect(201).Data.ClientId;
        var fastRequest = Driver.Api.NewPlan(200_000m, name: "Home 20M emu");
        fastRequest.PppProfile = "home-20m";
        fastRequest.RateLimit = "20M/20M";
        var fast = (await app.Api.CreatePlanAsync(fastRequest)).Expect(201).Data;
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("upgrader") is { Profile: "home-10M" }
            && app.Emulator.Profiles.Any(p => p.Name == "home-20m"), Step, "the secret and the new profile are on the router");

        (await app.Api.ChangePlanAsync(client, fast.PlanId, "now")).Expect(200);
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("upgrader") is { Profile: "home-20m" }, Step,
            "the change pushes the new profile to the secret at once");
    }
}
