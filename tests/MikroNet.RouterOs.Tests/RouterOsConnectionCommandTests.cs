using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests;

public class RouterOsConnectionCommandTests
{
    private static Dictionary<string, string> Secret(string name, string comment = "") => new()
    {
        ["name"] = name,
        ["password"] = "pw",
        ["service"] = "pppoe",
        ["comment"] = comment,
    };

    [Fact]
    public async Task SendAsync_200ConcurrentCommands_EachGetsItsOwnReply()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => connection.AddAsync("/ppp/secret", Secret($"user{i}", $"c{i}"))));
        var prints = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => connection.PrintAsync("/ppp/secret", $"?name=user{i}")));

        ids.Distinct().Count().ShouldBe(200);
        for (var i = 0; i < 200; i++)
        {
            prints[i].Single()["comment"].ShouldBe($"c{i}");
            prints[i].Single()[".id"].ShouldBe(ids[i]);
        }

        router.Emulator.OpenConnections.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_Trap_ThrowsTrapAndConnectionStaysUsable()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();
        await connection.AddAsync("/ppp/secret", Secret("alice"));

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.AddAsync("/ppp/secret", Secret("alice")));

        error.TrapMessage.ShouldBe("failure: secret with the same name already exists");
        connection.IsConnected.ShouldBeTrue();
        (await connection.PrintAsync("/ppp/secret")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_Quit_ThrowsFatalWithReason()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsFatalException>(() => connection.SendAsync("/quit"));

        error.Reason.ShouldBe("session terminated on request");
        connection.IsConnected.ShouldBeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrintAsync_NoMatches_GivesNoItemsWithOrWithoutEmptyReply(bool emptyReply)
    {
        await using var router = await TestRouter.StartAsync(o => o.EmptyReply = emptyReply);
        await using var connection = await router.ConnectAsync();

        (await connection.PrintAsync("/ppp/secret", "?name=nobody")).ShouldBeEmpty();
        (await connection.PrintAsync("/ppp/active")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_64KiBWord_RoundTrips()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();
        var comment = string.Concat(Enumerable.Repeat("0123456789abcdef", 4096));

        await connection.AddAsync("/ppp/secret", Secret("big", comment));

        (await connection.PrintAsync("/ppp/secret", "?name=big")).Single()["comment"].ShouldBe(comment);
        router.Emulator.FindSecret("big")!.Comment!.Length.ShouldBe(64 * 1024);
    }

    [Fact]
    public async Task SendAsync_OneCommandTimesOut_OthersCarryOn()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.Options.CommandDelays["/system/resource/print"] = TimeSpan.FromSeconds(5);
        await using var connection = await router.ConnectAsync();

        var slow = connection.SendAsync("/system/resource/print", timeout: TimeSpan.FromMilliseconds(200));
        var fast = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => connection.GetIdentityAsync()));

        await Should.ThrowAsync<RouterOsTimeoutException>(() => slow);
        fast.ShouldAllBe(name => name == "MikroTik");
        connection.IsConnected.ShouldBeTrue();
        (await connection.GetIdentityAsync()).ShouldBe("MikroTik");
        await WaitUntil(() => router.Emulator.CountOf("/cancel") == 1);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_CancelsOnRouter()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.Options.CommandDelays["/ppp/secret/print"] = TimeSpan.FromSeconds(5);
        await using var connection = await router.ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Should.ThrowAsync<OperationCanceledException>(
            () => connection.SendAsync("/ppp/secret/print", cancellationToken: cancel.Token));

        await WaitUntil(() => router.Emulator.CountOf("/cancel") == 1);
        (await connection.GetIdentityAsync()).ShouldBe("MikroTik");
    }

    [Fact]
    public async Task SendAsync_ExplicitCancelCommand_InterruptsRunningCommand()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.Options.CommandDelays["/ppp/secret/print"] = TimeSpan.FromSeconds(5);
        await using var connection = await router.ConnectAsync();

        var running = connection.SendAsync("/ppp/secret/print");
        await WaitUntil(() => router.Emulator.CountOf("/ppp/secret/print") == 1);
        await connection.SendAsync("/cancel");

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => running);
        error.Category.ShouldBe(2);
        error.TrapMessage.ShouldBe("interrupted");
    }

    [Fact]
    public async Task SendAsync_RouterDropsConnection_FailsWithConnectionException()
    {
        await using var router = await TestRouter.StartAsync(o => o.DropAfterSentences = 3);
        await using var connection = await router.ConnectAsync();
        await connection.GetIdentityAsync();

        await Should.ThrowAsync<RouterOsConnectionException>(() => connection.GetIdentityAsync());
        connection.IsConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task DisposeAsync_CommandsWaiting_FailsThem()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.Options.CommandDelays["/ppp/secret/print"] = TimeSpan.FromSeconds(5);
        var connection = await router.ConnectAsync();

        var waiting = connection.SendAsync("/ppp/secret/print");
        await connection.DisposeAsync();

        await Should.ThrowAsync<RouterOsConnectionException>(() => waiting);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue();
    }
}
