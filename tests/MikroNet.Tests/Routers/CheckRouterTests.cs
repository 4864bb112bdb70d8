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
        var routerId = await app.RegisterRouterAsync("check-up");

        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/check");

        status.ShouldBe(200, body.ToString());
        var data = body.GetProperty("data");
        data.GetProperty("reachable").GetBoolean().ShouldBeTrue();
        data.GetProperty("identity").GetString().ShouldBe("core-jakarta");
        data.GetProperty("version").GetString().ShouldBe("7.19.4 (stable)");
        data.GetProperty("board_name").GetString().ShouldBe("CHR");
        data.GetProperty("uptime").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Check_NothingListening_ReturnsUnreachableWithReason()
    {
        var routerId = await app.RegisterRouterAsync("check-down", port: ClosedPort());

        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/check");

        status.ShouldBe(200, body.ToString());
        var data = body.GetProperty("data");
        data.GetProperty("reachable").GetBoolean().ShouldBeFalse();
        data.GetProperty("problem").GetString().ShouldBe("unreachable");
        data.GetProperty("reason").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Check_WrongPassword_ReturnsLoginFailedWithRouterMessage()
    {
        var routerId = await app.RegisterRouterAsync("check-login", password: "not-it");

        var (_, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/check");

        var data = body.GetProperty("data");
        data.GetProperty("reachable").GetBoolean().ShouldBeFalse();
        data.GetProperty("problem").GetString().ShouldBe("login_failed");
        data.GetProperty("reason").GetString()!.ShouldContain("invalid user name or password");
    }

    [Fact]
    public async Task Check_UnknownRouter_Returns404()
    {
        (await app.AdminAsync(HttpMethod.Post, "/routers/999999/check")).Status.ShouldBe(404);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
