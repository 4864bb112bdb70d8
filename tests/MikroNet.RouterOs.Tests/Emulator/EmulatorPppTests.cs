using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Emulator;

/// <summary>The emulator must behave like a router, or tests built on it prove nothing.</summary>
public class EmulatorPppTests
{
    [Fact]
    public async Task DisableSecret_CustomerOnline_KeepsActiveSession()
    {
        await using var router = await TestRouter.StartAsync();
        var id = router.Emulator.AddSecret("alice", "pw");
        var sessionId = router.Emulator.Connect("alice");
        await using var connection = await router.ConnectAsync();

        await connection.SetAsync("/ppp/secret", id, new Dictionary<string, string> { ["disabled"] = "yes" });
        var active = await connection.PrintAsync("/ppp/active", "?name=alice");

        active.Single()[".id"].ShouldBe(sessionId);
        await connection.RemoveAsync("/ppp/active", sessionId);
        router.Emulator.ActiveSessions.ShouldBeEmpty();
        Should.Throw<InvalidOperationException>(() => router.Emulator.Connect("alice"));
    }

    [Fact]
    public async Task AddSecret_UnknownProfile_TrapsWithArgumentCategory()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.AddAsync(
            "/ppp/secret", new Dictionary<string, string> { ["name"] = "bob", ["profile"] = "missing" }));

        error.TrapMessage.ShouldBe("input does not match any value of profile");
        error.Category.ShouldBe(1);
    }

    [Fact]
    public async Task SetSecret_NameTakenByAnother_TrapsAsDuplicate()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("alice", "pw");
        var bob = router.Emulator.AddSecret("bob", "pw");
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(
            () => connection.SetAsync("/ppp/secret", bob, new Dictionary<string, string> { ["name"] = "alice" }));

        error.TrapMessage.ShouldBe("failure: secret with the same name already exists");
    }

    [Fact]
    public async Task SetSecret_Rename_UpdatesNameIndex()
    {
        await using var router = await TestRouter.StartAsync();
        var id = router.Emulator.AddSecret("alice", "pw");
        await using var connection = await router.ConnectAsync();

        await connection.SetAsync("/ppp/secret", id, new Dictionary<string, string> { ["name"] = "alicia" });

        (await connection.PrintAsync("/ppp/secret", "?name=alice")).ShouldBeEmpty();
        (await connection.PrintAsync("/ppp/secret", "?name=alicia")).Single()[".id"].ShouldBe(id);
    }

    [Fact]
    public async Task AddSecret_UnknownParameter_Traps()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.AddAsync(
            "/ppp/secret", new Dictionary<string, string> { ["name"] = "bob", ["colour"] = "red" }));

        error.TrapMessage.ShouldBe("unknown parameter colour");
    }

    [Fact]
    public async Task RemoveProfile_BuiltIn_Traps()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await Should.ThrowAsync<RouterOsTrapException>(() => connection.RemoveAsync("/ppp/profile", "*0"));
        router.Emulator.Profiles.Select(p => p.Name).ShouldBe(["default", "default-encryption"]);
    }

    [Fact]
    public async Task SendAsync_UnknownCommand_TrapsNoSuchCommand()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        (await Should.ThrowAsync<RouterOsTrapException>(() => connection.SendAsync("/ppp/secret/frobnicate"))).TrapMessage.ShouldBe("no such command");
        (await Should.ThrowAsync<RouterOsTrapException>(() => connection.SendAsync("/nothing/here/print"))).TrapMessage.ShouldBe("no such command prefix");
    }

    [Fact]
    public async Task PrintSecret_QueryOperators_FilterLikeRouterOs()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("a", "pw", service: "pppoe");
        router.Emulator.AddSecret("b", "pw", service: "l2tp", disabled: true);
        router.Emulator.AddSecret("c", "pw", service: "sstp", comment: "vip");
        await using var connection = await router.ConnectAsync();

        static async Task<string[]> Names(RouterOsConnection c, params string[] words) =>
            (await c.PrintAsync("/ppp/secret", words)).Select(i => i["name"]).ToArray();

        (await Names(connection, "?service=pppoe", "?service=l2tp", "?#|")).ShouldBe(["a", "b"]);
        (await Names(connection, "?disabled=yes")).ShouldBe(["b"]);
        (await Names(connection, "?comment")).ShouldBe(["c"]);
        (await Names(connection, "?-comment", "?disabled=false")).ShouldBe(["a"]);
        (await Names(connection, "?name=a", "?#!")).ShouldBe(["b", "c"]);
        (await connection.SendAsync("/ppp/secret/print", ["=count-only="])).Ret.ShouldBe("3");
    }

    [Fact]
    public async Task PrintSecret_TenThousandSecrets_AnswersByNameQuickly()
    {
        await using var router = await TestRouter.StartAsync();
        for (var i = 0; i < 10_000; i++)
        {
            router.Emulator.AddSecret($"user{i:D5}", "pw");
        }

        await using var connection = await router.ConnectAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var found = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => connection.PrintAsync("/ppp/secret", $"?name=user{i * 10:D5}")));

        found.ShouldAllBe(items => items.Count == 1);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await connection.SendAsync("/ppp/secret/print", ["=count-only="])).Ret.ShouldBe("10000");
    }

    [Fact]
    public async Task StartAgainAsync_AfterStop_ListensOnSamePortWithSameState()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("alice", "pw");
        var port = router.Emulator.Port;

        await router.Emulator.StopAsync();
        router.Emulator.AddSecret("bob", "pw");
        await router.Emulator.StartAgainAsync();
        await using var connection = await router.ConnectAsync();

        router.Emulator.Port.ShouldBe(port);
        (await connection.PrintAsync("/ppp/secret")).Select(i => i["name"]).ShouldBe(["alice", "bob"]);
    }

    [Fact]
    public async Task Counters_AfterCommands_CountEachCommand()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await connection.GetIdentityAsync();
        await connection.GetIdentityAsync();

        router.Emulator.CountOf("/system/identity/print").ShouldBe(2);
        router.Emulator.CommandsReceived.ShouldBe(3);
    }
}
