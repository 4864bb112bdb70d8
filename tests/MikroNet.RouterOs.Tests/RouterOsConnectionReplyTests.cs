using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests;

/// <summary>Reply shapes scripted byte for byte, including ones the emulator never sends.</summary>
public class RouterOsConnectionReplyTests
{
    private static Task<RouterOsConnection> ConnectAsync(ScriptedServer server) =>
        RouterOsConnection.ConnectAsync(new RouterEndpoint("127.0.0.1", server.Port, false, "admin", "x"), TestRouter.Fast);

    [Fact]
    public async Task SendAsync_ServerWritesOneBytePerWrite_ParsesReplies()
    {
        var longValue = new string('v', 0x4001);
        await using var server = ScriptedServer.Start(async peer =>
        {
            peer.OneBytePerWrite = true;
            await peer.AcceptLoginAsync();
            var tag = await peer.ReadTagAsync();
            await peer.SendAsync("!re", ".tag=" + tag, "=.id=*1", "=comment=a=b", "=note=" + longValue);
            await peer.SendAsync("!done", ".tag=" + tag);
        });
        await using var connection = await ConnectAsync(server);

        var reply = await connection.SendAsync("/ppp/secret/print");

        reply.Items.Single()["comment"].ShouldBe("a=b");
        reply.Items.Single()["note"].ShouldBe(longValue);
    }

    [Fact]
    public async Task SendAsync_SeveralTraps_ReportsEveryTrap()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.AcceptLoginAsync();
            var tag = await peer.ReadTagAsync();
            await peer.SendAsync("!trap", "=category=2", "=message=interrupted", ".tag=" + tag);
            await peer.SendAsync("!trap", "=message=failure: 301 Moved Permanently", ".tag=" + tag);
            await peer.SendAsync("!done", ".tag=" + tag);
            tag = await peer.ReadTagAsync();
            await peer.SendAsync("!done", ".tag=" + tag, "=ret=ok");
        });
        await using var connection = await ConnectAsync(server);

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.SendAsync("/tool/fetch"));

        error.Traps.ShouldBe([new RouterOsTrap(2, "interrupted"), new RouterOsTrap(null, "failure: 301 Moved Permanently")]);
        (await connection.SendAsync("/system/identity/print")).Ret.ShouldBe("ok");
    }

    [Fact]
    public async Task SendAsync_RowsThenTrap_ThrowsTrapException()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.AcceptLoginAsync();
            var tag = await peer.ReadTagAsync();
            await peer.SendAsync("!re", ".tag=" + tag, "=name=a");
            await peer.SendAsync("!trap", ".tag=" + tag, "=message=failure mid-way");
            await peer.SendAsync("!done", ".tag=" + tag);
        });
        await using var connection = await ConnectAsync(server);

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.SendAsync("/x/print"));

        error.TrapMessage.ShouldBe("failure mid-way");
        error.Category.ShouldBeNull();
    }

    [Fact]
    public async Task SendAsync_UnknownReplyWordsAndStrayTags_AreIgnored()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.AcceptLoginAsync();
            var tag = await peer.ReadTagAsync();
            await peer.SendAsync("!something-new", ".tag=" + tag);
            await peer.SendAsync("!re", ".tag=other", "=name=stray");
            await peer.SendAsync("!re", "=name=untagged");
            await peer.SendAsync("!empty", ".tag=" + tag);
            await peer.SendAsync("!re", ".tag=" + tag, "=name=mine");
            await peer.SendAsync("!done", ".tag=" + tag);
        });
        await using var connection = await ConnectAsync(server);

        var reply = await connection.SendAsync("/x/print");

        reply.Items.Single()["name"].ShouldBe("mine");
    }

    [Fact]
    public async Task SendAsync_FatalWhileCommandsWait_FailsThemAndCloses()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.AcceptLoginAsync();
            await peer.ReadAsync();
            await peer.SendAsync("!fatal", "session terminated on request");
            peer.Close();
        });
        await using var connection = await ConnectAsync(server);

        var error = await Should.ThrowAsync<RouterOsFatalException>(() => connection.SendAsync("/x/print"));

        error.Reason.ShouldBe("session terminated on request");
        connection.IsConnected.ShouldBeFalse();
        await Should.ThrowAsync<RouterOsConnectionException>(() => connection.SendAsync("/x/print"));
    }

    [Fact]
    public async Task SendAsync_ControlByteFromRouter_BreaksConnection()
    {
        await using var server = ScriptedServer.Start(async peer =>
        {
            await peer.AcceptLoginAsync();
            await peer.ReadAsync();
            await peer.SendRawAsync([0xF8, 0x00]);
            await Task.Delay(500);
        });
        await using var connection = await ConnectAsync(server);

        await Should.ThrowAsync<RouterOsConnectionException>(() => connection.SendAsync("/x/print"));
        connection.IsConnected.ShouldBeFalse();
    }
}
