using System.Net.WebSockets;
using System.Threading.Channels;
using GraphQL;
using GraphQLParser.AST;
using MikroNet.Features.Common;
using MikroNet.Features.Graph.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Live;

/// <summary>
/// One WebSocket connection speaking graphql-transport-ws (the protocol of the `graphql-ws` library, Apollo, urql and
/// Banana Cake Pop): `connection_init` with the bearer token → `connection_ack`; `subscribe` → `next`… / `error` /
/// `complete`; `ping` ↔ `pong` both ways. Protocol violations close the connection with the protocol's codes.
/// Three loops: receiving (this request's thread), sending (one writer, as a WebSocket allows), and rendering
/// events (one at a time, each in its own DI scope so loaders and the DbContext never see two events).
/// </summary>
internal sealed partial class GraphSocket
{
    public const string Protocol = "graphql-transport-ws";

    private readonly WebSocket _socket;
    private readonly HttpContext _http;
    private readonly GraphOptions _options;
    private readonly LiveHub _hub;
    private readonly SocketAuthentication _auth;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    // A subscriber that cannot keep up loses its oldest events, never the host's memory.
    private readonly Channel<(LiveOperation Operation, object Row)> _events = Channel.CreateBounded<(LiveOperation, object)>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Dictionary<string, LiveOperation?> _operations = [];
    private readonly CancellationTokenSource _closing = new();
    private SocketUser? _user;
    private bool _initReceived;

    private GraphSocket(WebSocket socket, HttpContext http)
    {
        _socket = socket;
        _http = http;
        var services = http.RequestServices;
        _options = services.GetRequiredService<IOptions<GraphOptions>>().Value;
        _hub = services.GetRequiredService<LiveHub>();
        _auth = services.GetRequiredService<SocketAuthentication>();
        _serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<GraphSocket>();
    }

    public static async Task HandleAsync(HttpContext http)
    {
        if (!CrossOrigin.WebSocketOriginAllowed(http))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var offered = http.WebSockets.WebSocketRequestedProtocols.Contains(Protocol);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(offered ? Protocol : null);
        await new GraphSocket(socket, http).RunAsync(offered);
    }

    private async Task RunAsync(bool protocolAccepted)
    {
        var writer = WriteLoopAsync();
        var renderer = EventLoopAsync();
        try
        {
            if (!protocolAccepted)
            {
                Close(4406, "Subprotocol not acceptable");
                await writer;
                return;
            }
            _ = InitTimeoutAsync();
            _ = KeepAliveAsync();
            await ReceiveLoopAsync();
        }
        finally
        {
            lock (_operations)
            {
                foreach (var operation in _operations.Values) operation?.Stop();
                _operations.Clear();
            }
            _events.Writer.TryComplete();
            _outgoing.Writer.TryComplete();
            await _closing.CancelAsync();
            await Task.WhenAll(Quietly(writer), Quietly(renderer));
            _closing.Dispose();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, _closing.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                return;
            }
            if (received.MessageType == WebSocketMessageType.Close)
            {
                // The client closes: answer with its code, as the WebSocket closing handshake asks.
                Close((int)(received.CloseStatus ?? WebSocketCloseStatus.NormalClosure), "");
                return;
            }
            if (message.Length + received.Count > _options.MaxSocketMessageBytes)
            {
                Close((int)WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {_options.MaxSocketMessageBytes} bytes");
                return;
            }
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;
            var data = message.ToArray();
            message.SetLength(0);
            if (received.MessageType != WebSocketMessageType.Text)
            {
                Close(4400, "Messages are JSON text");
                return;
            }
            try
            {
                if (!await HandleAsync(data)) return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(_logger, e);
                Close(4500, "Internal server error");
                return;
            }
        }
    }

    /// <summary>Handles one message; false when the connection is being closed.</summary>
    private async Task<bool> HandleAsync(byte[] data)
    {
        var (message, error) = SocketMessage.Read(data);
        if (message is null) return Close(4400, error!);
        switch (message.Type)
        {
            case "connection_init":
                if (_initReceived) return Close(4429, "Too many initialisation requests");
                _initReceived = true;
                await using (var scope = _scopes.CreateAsyncScope())
                    _user = await _auth.AuthenticateAsync(message.Payload, scope.ServiceProvider, _closing.Token);
                if (_user is null) return Close(4403, "Forbidden");
                Send(SocketReplies.Ack());
                return true;
            case "ping":
                Send(SocketReplies.Pong(message.Payload));
                return true;
            case "pong":
                return true;
            case "subscribe":
                if (_user is null) return Close(4401, "Unauthorized");
                if (message.Id is null) return Close(4400, "'subscribe' needs an id");
                lock (_operations)
                {
                    if (_operations.ContainsKey(message.Id)) return Close(4409, $"Subscriber for {message.Id} already exists");
                    _operations[message.Id] = null;
                }
                return await SubscribeAsync(message.Id, message);
            case "complete":
                if (message.Id is null) return Close(4400, "'complete' needs an id");
                lock (_operations)
                {
                    if (_operations.Remove(message.Id, out var operation)) operation?.Stop();
                }
                return true;
            default:
                return Close(4400, $"Unknown message type '{message.Type}'");
        }
    }

    private async Task<bool> SubscribeAsync(string id, SocketMessage message)
    {
        var (request, invalid) = message.Request(_serializer);
        if (request is null) return Close(4400, invalid!);
        var prepared = await GraphExecution.PrepareAsync(request, _http.RequestServices);
        if (prepared.Refusal is { } refusal)
        {
            Fail(id, refusal);
            return true;
        }
        await using var scope = _scopes.CreateAsyncScope();
        if (prepared.Operation is not { Operation: OperationType.Subscription })
        {
            // graphql-transport-ws carries queries too: one `next`, then `complete` (or `error` when it cannot run).
            var answer = await GraphExecution.ExecuteAsync(prepared, scope.ServiceProvider, _user!.Principal, null, _closing.Token);
            var json = _serializer.Serialize(answer);
            Send(answer.Executed ? SocketReplies.Next(id, json) : SocketReplies.Error(id, json));
            if (answer.Executed) Send(SocketReplies.Complete(id));
            Forget(id);
            return true;
        }

        int open;
        lock (_operations) open = _operations.Values.Count(o => o is not null);
        if (open >= _options.MaxSubscriptionsPerConnection)
        {
            Fail(id, new ExecutionError(
                $"A connection holds at most {_options.MaxSubscriptionsPerConnection} subscriptions (GraphQL:MaxSubscriptionsPerConnection).")
                { Code = "TOO_MANY_SUBSCRIPTIONS" });
            return true;
        }
        var probe = new SubscribeProbe();
        var result = await GraphExecution.ExecuteAsync(prepared, scope.ServiceProvider, _user!.Principal, probe, _closing.Token);
        if (!result.Executed || result.Errors is { Count: > 0 } || probe.Topic is not { } topic)
        {
            Send(SocketReplies.Error(id, _serializer.Serialize(result)));
            Forget(id);
            return true;
        }
        var operation = new LiveOperation(this, id, prepared, topic);
        lock (_operations)
        {
            // The client may have completed it meanwhile, or the connection may be closing.
            if (!_operations.ContainsKey(id) || _closing.IsCancellationRequested) return true;
            _operations[id] = operation;
        }
        _hub.Add(topic, operation);
        return true;
    }

    private void Fail(string id, ExecutionError error)
    {
        Send(SocketReplies.Error(id, _serializer.Serialize(new ExecutionResult { Errors = [error] })));
        Forget(id);
    }

    private void Forget(string id)
    {
        lock (_operations) _operations.Remove(id);
    }

    /// <summary>Renders events one at a time, each in a scope of its own (fresh loaders, its own DbContext).</summary>
    private async Task EventLoopAsync()
    {
        await foreach (var (operation, row) in _events.Reader.ReadAllAsync(_closing.Token))
        {
            if (!operation.Active) continue;
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                if (!await _auth.StillValidAsync(_user!, scope.ServiceProvider, _closing.Token))
                {
                    Close(4403, "Forbidden");
                    return;
                }
                var result = await GraphExecution.ExecuteAsync(operation.Prepared, scope.ServiceProvider, _user!.Principal, row, _closing.Token);
                if (operation.Active) Send(SocketReplies.Next(operation.Id, _serializer.Serialize(result)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Resolver failures are GraphQL errors inside the result; this is the database or the host failing.
                LogFailed(_logger, e);
                Close(4500, "Internal server error");
                return;
            }
        }
    }

    /// <summary>Pings an idle connection and closes it (4403) once its token expires or is revoked.</summary>
    private async Task KeepAliveAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(_options.KeepAliveInterval);
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                if (_user is { } user)
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    if (!await _auth.StillValidAsync(user, scope.ServiceProvider, _closing.Token))
                    {
                        Close(4403, "Forbidden");
                        return;
                    }
                }
                Send(SocketReplies.Ping());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task InitTimeoutAsync()
    {
        try
        {
            await Task.Delay(_options.ConnectionInitTimeout, _closing.Token);
            if (!_initReceived) Close(4408, "Connection initialisation timeout");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var item in _outgoing.Reader.ReadAllAsync())
        {
            // A client that stops reading for this long is gone; the send is abandoned with the connection.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (item.Bytes is { } bytes)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
                continue;
            }
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)item.CloseCode, item.CloseReason, timeout.Token);
            // The receive loop ends when the client answers the close, or after this grace.
            _closing.CancelAfter(TimeSpan.FromSeconds(5));
            return;
        }
    }

    private void Send(byte[] message) => _outgoing.Writer.TryWrite(new Outgoing(message, 0, null));

    /// <summary>Closes the connection after what is already queued; always false (for HandleAsync's answer).</summary>
    private bool Close(int code, string reason)
    {
        _outgoing.Writer.TryWrite(new Outgoing(null, code, reason));
        _outgoing.Writer.TryComplete();
        return false;
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL WebSocket message failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    private sealed record Outgoing(byte[]? Bytes, int CloseCode, string? CloseReason);

    /// <summary>One open subscription: receives its topic's rows and queues them for rendering.</summary>
    private sealed class LiveOperation(GraphSocket connection, string id, PreparedRequest prepared, LiveTopic topic) : ILiveSubscriber
    {
        private volatile bool _active = true;

        public string Id => id;
        public PreparedRequest Prepared => prepared;
        public bool Active => _active;

        public void Deliver(object row)
        {
            if (_active) connection._events.Writer.TryWrite((this, row));
        }

        public void Stop()
        {
            _active = false;
            connection._hub.Remove(topic, this);
        }
    }
}
