using System.Net.Sockets;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Emulator;

/// <summary>The emulator's own encoder checked against the reference bytes, without our client in between.</summary>
public class EmulatorWireTests
{
    private static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));

    [Fact]
    public async Task RawSession_ReferenceBytes_GetReferenceReplies()
    {
        await using var router = await TestRouter.StartAsync(o => o.Password = string.Empty);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", router.Emulator.Port);
        var stream = client.GetStream();
        var add = Hex("0F 2F 70 70 70 2F 73 65 63 72 65 74 2F 61 64 64 0B 3D 6E 61 6D 65 3D 75 73 65 72 31 0F 3D 70 61 73 73 77 6F 72 64 3D 70 61 73 73 31 0E 3D 73 65 72 76 69 63 65 3D 70 70 70 6F 65 10 3D 70 72 6F 66 69 6C 65 3D 64 65 66 61 75 6C 74 0C 3D 63 6F 6D 6D 65 6E 74 3D 61 3D 62 0C 3D 64 69 73 61 62 6C 65 64 3D 6E 6F 00");

        await stream.WriteAsync(Hex("06 2F 6C 6F 67 69 6E 0B 3D 6E 61 6D 65 3D 61 64 6D 69 6E 0A 3D 70 61 73 73 77 6F 72 64 3D 00"));
        (await ReadExactlyAsync(stream, 7)).ShouldBe(Hex("05 21 64 6F 6E 65 00"));

        await stream.WriteAsync(add);
        (await ReadExactlyAsync(stream, 15)).ShouldBe(Hex("05 21 64 6F 6E 65 07 3D 72 65 74 3D 2A 31 00"));

        await stream.WriteAsync(add);
        (await ReadExactlyAsync(stream, 66 + 7)).ShouldBe(Hex(
            "05 21 74 72 61 70 3A 3D 6D 65 73 73 61 67 65 3D 66 61 69 6C 75 72 65 3A 20 73 65 63 72 65 74 20 77 69 74 68 20 74 68 65 20 73 61 6D 65 20 6E 61 6D 65 20 61 6C 72 65 61 64 79 20 65 78 69 73 74 73 00"
            + "05 21 64 6F 6E 65 00"));

        await stream.WriteAsync(Hex("05 2F 71 75 69 74 00"));
        (await ReadExactlyAsync(stream, 38)).ShouldBe(Hex(
            "06 21 66 61 74 61 6C 1D 73 65 73 73 69 6F 6E 20 74 65 72 6D 69 6E 61 74 65 64 20 6F 6E 20 72 65 71 75 65 73 74 00"));
    }

    [Fact]
    public async Task RawSession_CommandBeforeLogin_GetsFatal()
    {
        await using var router = await TestRouter.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", router.Emulator.Port);
        var stream = client.GetStream();

        await stream.WriteAsync(Hex("11 2F 70 70 70 2F 61 63 74 69 76 65 2F 70 72 69 6E 74 00"));

        var reply = await ReadExactlyAsync(stream, 1 + 6 + 1 + 13 + 1);
        System.Text.Encoding.ASCII.GetString(reply).ShouldContain("not logged in");
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}
