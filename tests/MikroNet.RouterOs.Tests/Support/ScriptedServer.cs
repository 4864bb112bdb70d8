using System.Net;
using System.Net.Sockets;
using System.Text;
using MikroNet.RouterOs.Protocol;

namespace MikroNet.RouterOs.Tests.Support;

/// <summary>
/// A one-connection server whose replies a test scripts byte for byte, for behaviour the emulator never produces
/// (split writes, several traps, unknown reply words).
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    private ScriptedServer(Func<ScriptedPeer, Task> script)
    {
        _listener.Start();
        _serving = ServeAsync(script);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static ScriptedServer Start(Func<ScriptedPeer, Task> script) => new(script);

    /// <summary>Surfaces assertion failures raised inside the script.</summary>
    public Task Completion => _serving;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client side may have closed first; only the script's own assertions matter.
        }
    }

    private async Task ServeAsync(Func<ScriptedPeer, Task> script)
    {
        using var socket = await _listener.AcceptSocketAsync();
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await script(new ScriptedPeer(stream));
    }
}

internal sealed class ScriptedPeer(NetworkStream stream)
{
    private readonly SentenceReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Write every byte in its own write, to split words and length prefixes across reads.</summary>
    public bool OneBytePerWrite { get; set; }

    public async Task<IReadOnlyList<string>> ReadAsync() =>
        await _reader.ReadSentenceAsync() ?? throw new EndOfStreamException("Client closed the connection.");

    public async Task<string?> ReadTagAsync() =>
        (await ReadAsync()).FirstOrDefault(w => w.StartsWith(".tag=", StringComparison.Ordinal))?[5..];

    /// <summary>Answers the plain login.</summary>
    public async Task AcceptLoginAsync()
    {
        await ReadAsync();
        await SendAsync("!done");
    }

    public Task SendAsync(params string[] words) => SendRawAsync(SentenceWriter.Encode(words, Encoding.UTF8));

    public async Task SendRawAsync(byte[] bytes)
    {
        if (!OneBytePerWrite)
        {
            await stream.WriteAsync(bytes);
            return;
        }

        foreach (var b in bytes)
        {
            await stream.WriteAsync(new[] { b });
            await stream.FlushAsync();
        }
    }

    public void Close() => stream.Socket.Close();
}
