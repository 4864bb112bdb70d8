using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests;

public class RouterOsConnectionLoginTests
{
    [Fact]
    public async Task ConnectAsync_ValidCredentials_LogsIn()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        connection.IsConnected.ShouldBeTrue();
        (await connection.GetIdentityAsync()).ShouldBe("MikroTik");
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsLoginException()
    {
        await using var router = await TestRouter.StartAsync();

        var error = await Should.ThrowAsync<RouterOsLoginException>(
            () => RouterOsConnection.ConnectAsync(router.Endpoint with { Password = "wrong" }, TestRouter.Fast));

        error.Message.ShouldContain("invalid user name or password");
        error.Message.ShouldNotContain("wrong");
    }

    [Fact]
    public async Task ConnectAsync_LegacyRouter_AnswersMd5Challenge()
    {
        await using var router = await TestRouter.StartAsync(o => o.LegacyLogin = true);
        await using var connection = await router.ConnectAsync();

        (await connection.GetIdentityAsync()).ShouldBe("MikroTik");
        router.Emulator.CountOf("/login").ShouldBe(2);
    }

    [Fact]
    public async Task ConnectAsync_LegacyRouterWrongPassword_ThrowsLoginException()
    {
        await using var router = await TestRouter.StartAsync(o => o.LegacyLogin = true);

        var error = await Should.ThrowAsync<RouterOsLoginException>(
            () => RouterOsConnection.ConnectAsync(router.Endpoint with { Password = "wrong" }, TestRouter.Fast));

        error.Message.ShouldContain("cannot log in");
    }

    [Fact]
    public async Task ConnectAsync_ChallengeNotHex_ThrowsLoginException()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadAsync();
            await peer.SendAsync("!done", "=ret=Invalid Hex String");
            await peer.ReadAsync();
        });

        await Should.ThrowAsync<RouterOsLoginException>(
            () => RouterOsConnection.ConnectAsync(new RouterEndpoint("127.0.0.1", server.Port, false, "admin", "x"), TestRouter.Fast));
    }

    [Fact]
    public async Task ConnectAsync_EmptyPassword_StillSendsPasswordWord()
    {
        IReadOnlyList<string>? login = null;
        await using var server = ScriptedServer.Start(async peer =>
        {
            login = await peer.ReadAsync();
            await peer.SendAsync("!done");
        });

        await using var connection = await RouterOsConnection.ConnectAsync(
            new RouterEndpoint("127.0.0.1", server.Port, false, "admin", string.Empty), TestRouter.Fast);
        await server.Completion;

        login.ShouldBe(["/login", "=name=admin", "=password="]);
    }

    [Fact]
    public async Task ConnectAsync_RouterDown_ThrowsConnectionException()
    {
        await using var router = await TestRouter.StartAsync();
        await router.Emulator.StopAsync();

        await Should.ThrowAsync<RouterOsConnectionException>(() => router.ConnectAsync());
    }

    [Fact]
    public async Task ConnectAsync_RouterResetsConnection_ThrowsConnectionException()
    {
        await using var router = await TestRouter.StartAsync(o => o.RefuseConnections = true);

        await Should.ThrowAsync<RouterOsConnectionException>(() => router.ConnectAsync());
    }

    [Fact]
    public async Task ConnectAsync_RouterNeverAnswersLogin_ThrowsTimeoutException()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.ReadAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
        });

        await Should.ThrowAsync<RouterOsTimeoutException>(() => RouterOsConnection.ConnectAsync(
            new RouterEndpoint("127.0.0.1", server.Port, false, "admin", "x"),
            TestRouter.Fast with { ConnectTimeout = TimeSpan.FromMilliseconds(300) }));
    }

    [Fact]
    public void ToString_Endpoint_HidesPassword() =>
        new RouterEndpoint("10.0.0.1", 8728, false, "admin", "topsecret").ToString().ShouldNotContain("topsecret");
}
