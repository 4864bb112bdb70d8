using System.Net.Sockets;
using MikroNet.RouterOsEmulator;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Emulator;

public class EmulatorPortTests
{
    [Fact]
    public async Task Start_PortAnotherEmulatorListensOn_IsRefused()
    {
        await using var first = await RouterOsEmulator.RouterOsEmulator.StartAsync();

        var error = await Should.ThrowAsync<SocketException>(() =>
            RouterOsEmulator.RouterOsEmulator.StartAsync(new EmulatorOptions { Port = first.Port }));

        error.SocketErrorCode.ShouldBe(SocketError.AddressAlreadyInUse);
    }

    [Fact]
    public async Task StartAgain_AfterStopWithClosedConnections_ListensOnTheSamePort()
    {
        await using var emulator = await RouterOsEmulator.RouterOsEmulator.StartAsync();
        var port = emulator.Port;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port);
        }
        await emulator.StopAsync();

        await emulator.StartAgainAsync();

        emulator.Port.ShouldBe(port);
        using var again = new TcpClient();
        await again.ConnectAsync("127.0.0.1", port);
    }
}
