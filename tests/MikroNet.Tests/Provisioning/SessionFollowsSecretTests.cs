using MikroNet.RouterOsEmulator;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>A renamed or moved client's old session ends on the old router, after its old secret is gone.</summary>
public sealed class SessionFollowsSecretTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Rename_ClientOnline_OldSessionEndsWithin2sAfterOldSecretIsGone()
    {
        var routerId = await app.RegisterRouterAsync("rename-kick");
        var clientId = await app.RegisterClientAsync(routerId, "ani");
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("ani") is not null, Step, "register adds the secret");
        app.Emulator.Connect("ani");

        (await app.AdminAsync(HttpMethod.Put, $"/client/update/{clientId}", new { ppp_secret_name = "ani2" })).Status.ShouldBe(200);

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
        var oldRouter = await app.RegisterRouterAsync("move-from");
        var newRouter = await app.RegisterRouterAsync("move-to", other.Port);
        var clientId = await app.RegisterClientAsync(oldRouter, "bayu");
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("bayu") is not null, Step, "register adds the secret");
        app.Emulator.Connect("bayu");

        (await app.AdminAsync(HttpMethod.Put, $"/client/update/{clientId}", new { router_id = newRouter })).Status.ShouldBe(200);

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.ActiveSessions.All(s => s.Name != "bayu"), Step,
            "the session on the old router ends");
        app.Emulator.FindSecret("bayu").ShouldBeNull("the old secret is removed before the session is kicked");
        await ProvisioningFixture.EventuallyAsync(() => other.FindSecret("bayu") is not null, Step,
            "the secret appears on the new router");
    }
}
