using Microsoft.Extensions.DependencyInjection;
using MikroNet.Infrastructure.Time;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Cancel;

/// <summary>Cancelling as the router sees it, through the outbox worker and the RouterOS emulator.</summary>
public sealed class CancelEmulatorTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    private async Task<int> OnlineClientAsync(string secret)
    {
        var router = await app.Api.AddRouterAsync(app.EmulatorRouter(Driver.Api.Unique("r")));
        var registration = Driver.Api.NewClient(router, secret);
        registration.PlanId = await app.InsertPlanAsync(Driver.Api.Unique("Plan "), "default");
        registration.StartDate = app.Host.Services.GetRequiredService<ProviderClock>().Today;
        var client = (await app.Api.RegisterClientAsync(registration)).Expect(201).Data.ClientId;
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret(secret) is { Disabled: false }, Step,
            "the secret reaches the router");
        app.Emulator.Connect(secret);
        return client;
    }

    [Fact]
    public async Task Cancel_Now_SecretRemovedAndSessionEnded()
    {
        var client = await OnlineClientAsync("cancel-now");
        (await app.Api.CancelClientAsync(client, "now")).Expect(200);
        await ProvisioningFixture.EventuallyAsync(
            () => app.Emulator.FindSecret("cancel-now") is null && app.Emulator.ActiveSessions.All(a => a.Name != "cancel-now"),
            Step, "cancelling now removes the secret and ends the session");
    }

    [Fact]
    public async Task Cancel_EndOfPeriod_SecretStaysUntilTheDayThenGoes()
    {
        var client = await OnlineClientAsync("cancel-later");
        var cancelOn = (await app.Api.CancelClientAsync(client, "end_of_period")).Expect(200).Data.CancelOn;
        await app.EnforceInProcessAsync(cancelOn.PlusDays(-1));
        await Task.Delay(500);
        app.Emulator.FindSecret("cancel-later").ShouldNotBeNull();

        (await app.EnforceInProcessAsync(cancelOn)).CancelledClientIds.ShouldContain(client);
        await ProvisioningFixture.EventuallyAsync(
            () => app.Emulator.FindSecret("cancel-later") is null && app.Emulator.ActiveSessions.All(a => a.Name != "cancel-later"),
            Step, "on its day the cancellation removes the secret and ends the session");
    }
}
