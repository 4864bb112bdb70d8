using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Alba;
using Shouldly;

namespace MikroNet.Tests.Driver;

/// <summary>A graphql-transport-ws client over the test server's in-memory WebSocket.</summary>
public sealed class GraphSocketClient(WebSocket socket) : IAsyncDisposable
{
    public const string Protocol = "graphql-transport-ws";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public WebSocket Socket => socket;

    public static async Task<GraphSocketClient> ConnectAsync(IAlbaHost host, string? protocol = Protocol, string? origin = null)
    {
        var client = host.Server.CreateWebSocketClient();
        if (protocol is not null) client.SubProtocols.Add(protocol);
        if (origin is not null) client.ConfigureRequest = request => request.Headers.Origin = origin;
        var uri = new UriBuilder(host.Server.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        return new GraphSocketClient(await client.ConnectAsync(uri, CancellationToken.None));
    }

    /// <summary>Connects and sends `connection_init` with the token; waits for `connection_ack`.</summary>
    public static async Task<GraphSocketClient> OpenAsync(IAlbaHost host, string token)
    {
        var client = await ConnectAsync(host);
        await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        (await client.ReceiveAsync()).GetProperty("type").GetString().ShouldBe("connection_ack");
        return client;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message (other than a server `ping`, unless asked); fails when none comes in time or the socket closes.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null, bool pings = false)
    {
        while (true)
        {
            var message = await ReadAsync(timeout ?? Wait) ?? throw new ShouldAssertException(
                $"The connection closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            if (pings || message.GetProperty("type").GetString() != "ping") return message;
        }
    }

    /// <summary>The payload of the next `next` message of the operation.</summary>
    public async Task<JsonElement> NextAsync(string id, TimeSpan? timeout = null)
    {
        var message = await ReceiveAsync(timeout);
        message.GetProperty("type").GetString().ShouldBe("next", message.GetRawText());
        message.GetProperty("id").GetString().ShouldBe(id);
        return message.GetProperty("payload");
    }

    /// <summary>Reads until the server closes; its close code.</summary>
    public async Task<int?> ClosedAsync(TimeSpan? timeout = null)
    {
        while (await ReadAsync(timeout ?? Wait) is not null)
        {
        }
        return (int?)socket.CloseStatus;
    }

    /// <summary>Whether a message arrives within the time (false: none, as expected after `complete`).</summary>
    public async Task<bool> AnyMessageWithinAsync(TimeSpan time)
    {
        try
        {
            await ReceiveAsync(time);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<JsonElement?> ReadAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    try
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException or WebSocketException)
                    {
                        // The server may already have gone; its close code is what the tests read.
                    }
                }
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
            {
            }
        }
        socket.Dispose();
    }
}
