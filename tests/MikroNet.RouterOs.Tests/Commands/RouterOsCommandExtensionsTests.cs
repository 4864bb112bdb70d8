using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Commands;

public class RouterOsCommandExtensionsTests
{
    [Fact]
    public async Task AddSetRemove_Secret_ChangesRouterState()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();
        await connection.AddAsync("/ppp/profile", new Dictionary<string, string> { ["name"] = "10M", ["rate-limit"] = "10M/10M" });

        var id = await connection.AddAsync("/ppp/secret", new Dictionary<string, string>
        {
            ["name"] = "alice",
            ["password"] = "pw",
            ["service"] = "pppoe",
            ["profile"] = "10M",
            ["comment"] = "client=42",
        });
        await connection.SetAsync("/ppp/secret", id, new Dictionary<string, string> { ["disabled"] = "yes" });

        id.ShouldStartWith("*");
        router.Emulator.FindSecret("alice").ShouldBe(new MikroNet.RouterOsEmulator.PppSecretView(id, "alice", "pw", "pppoe", "10M", "client=42", true));

        await connection.RemoveAsync("/ppp/secret", id);
        router.Emulator.Secrets.ShouldBeEmpty();
    }

    [Fact]
    public async Task PrintAsync_Proplist_ReturnsOnlyListedProperties()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("alice", "pw");
        await using var connection = await router.ConnectAsync();

        var item = (await connection.PrintAsync("/ppp/secret", "=.proplist=.id,name,disabled", "?name=alice")).Single();

        item.Keys.ShouldBe([".id", "name", "disabled"], ignoreOrder: true);
        item["disabled"].ShouldBe("false");
    }

    [Fact]
    public async Task RemoveAsync_UnknownId_ThrowsNoSuchItem()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.RemoveAsync("/ppp/secret", "*99"));

        error.TrapMessage.ShouldStartWith("no such item");
    }

    [Fact]
    public async Task GetResourceAsync_Emulator_ReturnsVersionAndBoard()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var resource = await connection.GetResourceAsync();

        resource.Version.ShouldBe("7.19.4 (stable)");
        resource.BoardName.ShouldBe("CHR");
        resource.Uptime.ShouldNotBeNullOrEmpty();
        resource.Raw.ShouldContainKey("free-memory");
    }

    [Fact]
    public async Task GetIdentityAsync_RenamedRouter_ReturnsNewName()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await connection.SendAsync("/system/identity/set", ["=name=core-1"]);

        (await connection.GetIdentityAsync()).ShouldBe("core-1");
    }
}
