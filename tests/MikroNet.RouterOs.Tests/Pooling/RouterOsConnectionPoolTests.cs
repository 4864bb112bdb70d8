using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Pooling;

public class RouterOsConnectionPoolTests
{
    [Fact]
    public async Task GetAsync_SameRouterTwice_ReusesConnection()
    {
        await using var router = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);

        var first = await pool.GetAsync(1, router.Endpoint);
        var second = await pool.GetAsync(1, router.Endpoint);

        second.ShouldBeSameAs(first);
        router.Emulator.ConnectionsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_ManyConcurrentCallers_OpenOneConnection()
    {
        await using var router = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);

        var connections = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => pool.GetAsync(1, router.Endpoint)));

        connections.Distinct().Count().ShouldBe(1);
        router.Emulator.ConnectionsAccepted.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_AfterRouterDropsConnection_Reconnects()
    {
        await using var router = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);
        var first = await pool.GetAsync(1, router.Endpoint);

        router.Emulator.DropAllConnections();
        await RouterOsConnectionCommandTests.WaitUntil(() => !first.IsConnected);
        var second = await pool.GetAsync(1, router.Endpoint);

        second.ShouldNotBeSameAs(first);
        (await second.GetIdentityAsync()).ShouldBe("MikroTik");
    }

    [Fact]
    public async Task GetAsync_RouterDownThenBack_FailsThenReconnectsWithStateKept()
    {
        await using var router = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);
        var first = await pool.GetAsync(1, router.Endpoint);
        await first.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = "alice" });

        await router.Emulator.StopAsync();
        await Should.ThrowAsync<RouterOsConnectionException>(() => first.GetIdentityAsync());
        await Should.ThrowAsync<RouterOsConnectionException>(() => pool.GetAsync(1, router.Endpoint));
        await router.Emulator.StartAgainAsync();
        var again = await pool.GetAsync(1, router.Endpoint);

        (await again.PrintAsync("/ppp/secret", "?name=alice")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_ChangedEndpoint_ReplacesConnection()
    {
        await using var router = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);
        var first = await pool.GetAsync(1, router.Endpoint);

        var second = await pool.GetAsync(1, router.Endpoint with { Host = "localhost" });

        second.ShouldNotBeSameAs(first);
        first.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task GetAsync_TwoRouters_KeepSeparateConnections()
    {
        await using var routerA = await TestRouter.StartAsync();
        await using var routerB = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);

        var a = await pool.GetAsync(1, routerA.Endpoint);
        var b = await pool.GetAsync(2, routerB.Endpoint);

        a.ShouldNotBeSameAs(b);
        (await pool.GetAsync(1, routerA.Endpoint)).ShouldBeSameAs(a);
    }

    [Fact]
    public async Task InvalidateAsync_OpenConnection_ClosesIt()
    {
        await using var router = await TestRouter.StartAsync();
        await using var pool = new RouterOsConnectionPool(TestRouter.Fast);
        var first = await pool.GetAsync(1, router.Endpoint);

        await pool.InvalidateAsync(1);

        first.IsConnected.ShouldBeFalse();
        (await pool.GetAsync(1, router.Endpoint)).ShouldNotBeSameAs(first);
    }

    [Fact]
    public async Task DisposeAsync_Pool_ClosesConnectionsAndRefusesNewOnes()
    {
        await using var router = await TestRouter.StartAsync();
        var pool = new RouterOsConnectionPool(TestRouter.Fast);
        var first = await pool.GetAsync(1, router.Endpoint);

        await pool.DisposeAsync();

        first.IsConnected.ShouldBeFalse();
        await Should.ThrowAsync<ObjectDisposedException>(() => pool.GetAsync(1, router.Endpoint));
    }
}
