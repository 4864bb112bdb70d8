using System.Net;
using System.Net.Sockets;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Routers;

public sealed class CheckRouterTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task Check_EmulatorUp_ReturnsIdentityVersionAndBoard()
    {
        app.Emulator.Identity = "core-jakarta";
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("check-up"));

        var check = (await app.Api.CheckRouterAsync(routerId)).Expect(200).Data;

        check.Reachable.ShouldBeTrue();
        check.Identity.ShouldBe("core-jakarta");
        check.Version.ShouldBe("7.19.4 (stable)");
        check.BoardName.ShouldBe("CHR");
        check.Uptime.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Check_NothingListening_ReturnsUnreachableWithReason()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("check-down", port: ClosedPort()));

        var check = (await app.Api.CheckRouterAsync(routerId)).Expect(200).Data;

        check.Reachable.ShouldBeFalse();
        check.Problem.ShouldBe("unreachable");
        check.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Check_WrongPassword_ReturnsLoginFailedWithRouterMessage()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("check-login", password: "not-it"));

        var check = (await app.Api.CheckRouterAsync(routerId)).Data;

        check.Reachable.ShouldBeFalse();
        check.Problem.ShouldBe("login_failed");
        check.Reason!.ShouldContain("invalid user name or password");
    }

    [Fact]
    public async Task Check_UnknownRouter_Returns404()
    {
        (await app.Api.CheckRouterAsync(999999)).Status.ShouldBe(404);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
