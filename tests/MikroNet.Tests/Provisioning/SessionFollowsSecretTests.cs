using MikroNet.RouterOsEmulator;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;

namespace MikroNet.Tests.Provisioning;

/// <summary>A renamed or moved client's old session ends on the old router, after its old secret is gone.</summary>
public sealed class SessionFollowsSecretTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Rename_ClientOnline_OldSessionEndsWithin2sAfterOldSecretIsGone()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("rename-kick"));
        var clientId = await app.Api.AddClientAsync(routerId, "ani");
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("ani") is not null, Step, "register adds the secret");
        app.Emulator.Connect("ani");

        (await app.Api.UpdateClientAsync(clientId, new UpdateClient.Request { PppSecretName = "ani2" })).Status.ShouldBe(200);

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.ActiveSessions.All(s => s.Name != "ani"), Step,
            "the old session ends");
        app.Emulator.FindSecret("ani").ShouldBeNull("the old secret is removed before the session is kicked");
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("ani2") is not null, Step, "the new secret appears");
    }

    [Fact]
    public async Task Move_ClientOnline_OldSessionEndsOnOldRouterWithin2s()
    {
        await using var other = await RouterOsEmulator.RouterOsEmulator.StartAsync(new EmulatorOptions
        {
            Username = ProvisioningFixture.RouterUser, Password = ProvisioningFixture.RouterPassword,
        });
        var oldRouter = await app.Api.AddRouterAsync(app.EmulatorRouter("move-from"));
        var newRouter = await app.Api.AddRouterAsync(app.EmulatorRouter("move-to", other.Port));
        var clientId = await app.Api.AddClientAsync(oldRouter, "bayu");
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("bayu") is not null, Step, "register adds the secret");
        app.Emulator.Connect("bayu");

        (await app.Api.UpdateClientAsync(clientId, new UpdateClient.Request { RouterId = newRouter })).Status.ShouldBe(200);

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.ActiveSessions.All(s => s.Name != "bayu"), Step,
            "the session on the old router ends");
        app.Emulator.FindSecret("bayu").ShouldBeNull("the old secret is removed before the session is kicked");
        await ProvisioningFixture.EventuallyAsync(() => other.FindSecret("bayu") is not null, Step,
            "the secret appears on the new router");
    }
}
