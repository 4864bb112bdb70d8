using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MikroNet.RouterOs.Protocol;

namespace MikroNet.RouterOs;

/// <summary>
/// One logged-in API session. Every command carries its own <c>.tag</c>, so any number of callers may send at once:
/// a single writer loop keeps sentences whole on the wire and a single reader loop routes replies to their command by tag.
/// </summary>
public sealed partial class RouterOsConnection : IAsyncDisposable
{
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(5);

    private readonly Stream _stream;
    private readonly SentenceReader _reader;
    private readonly Encoding _encoding;
    private readonly RouterOsClientOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _writes = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, PendingCommand> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task _writeLoop;
    private Task _readLoop = Task.CompletedTask;
    private long _lastTag;
    private Exception? _closeReason;

    private RouterOsConnection(RouterEndpoint endpoint, Stream stream, Encoding encoding, RouterOsClientOptions options, ILogger logger)
    {
        Endpoint = endpoint;
        _stream = stream;
        _encoding = encoding;
        _options = options;
        _logger = logger;
        _reader = new SentenceReader(stream, encoding, options.MaxWordLength);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    public RouterEndpoint Endpoint { get; }

    /// <summary>False once the router closed the session, the socket broke or the connection was disposed.</summary>
    public bool IsConnected => Volatile.Read(ref _closeReason) is null;

    /// <summary>Sends one command and waits for its <c>!done</c>.</summary>
    /// <param name="command">The command word, e.g. <c>/ppp/secret/print</c>.</param>
    /// <param name="words">Attribute and query words: <c>=name=value</c>, <c>?name=value</c>, <c>=.proplist=a,b</c>.</param>
    /// <param name="timeout">Overrides <see cref="RouterOsClientOptions.CommandTimeout"/> for this command.</param>
    /// <exception cref="RouterOsTrapException">The router answered with <c>!trap</c>; the connection stays usable.</exception>
    /// <exception cref="RouterOsTimeoutException">No <c>!done</c> in time; the command is cancelled on the router.</exception>
    /// <exception cref="RouterOsConnectionException">The connection is or became unusable (<see cref="RouterOsFatalException"/> for <c>!fatal</c>).</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the command is cancelled on the router.</exception>
    public async Task<RouterOsReply> SendAsync(
        string command,
        IEnumerable<string>? words = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfClosed();

        // Tags are never reused, so a late reply for an abandoned command cannot reach a newer one.
        var tag = Interlocked.Increment(ref _lastTag).ToString(CultureInfo.InvariantCulture);
        var sentence = EncodeCommand(command, words, tag);
        var pending = new PendingCommand(command);
        _pending[tag] = pending;
        if (!IsConnected)
        {
            _pending.TryRemove(tag, out _);
            ThrowIfClosed();
        }

        LogSending(_logger, command, tag, Endpoint);
        Enqueue(sentence);
        var limit = timeout ?? _options.CommandTimeout;
        try
        {
            return await pending.Task.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            Abandon(tag, command);
            throw new RouterOsTimeoutException($"{command} on {Endpoint} got no answer within {limit}.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon(tag, command);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(new RouterOsConnectionException($"Connection to {Endpoint} was disposed."));
        await _readLoop;
        await _writeLoop;
    }

    private byte[] EncodeCommand(string command, IEnumerable<string>? words, string tag) =>
        SentenceWriter.Encode([command, .. words ?? [], ".tag=" + tag], _encoding);

    private void Enqueue(byte[] sentence)
    {
        if (!_writes.Writer.TryWrite(sentence))
        {
            ThrowIfClosed();
        }
    }

    /// <summary>
    /// The only writer, so sentences never interleave on the wire. It drains every queued sentence into one write:
    /// under load that turns hundreds of pipelined commands into a few syscalls and TCP segments.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (await _writes.Reader.WaitToReadAsync(_lifetime.Token))
            {
                // Going to the back of the thread-pool queue lets callers already scheduled (typically those whose
                // replies just arrived) queue their next command first, so they share this write.
                await Task.Yield();
                while (batch.WrittenCount < 64 * 1024 && _writes.Reader.TryRead(out var sentence))
                {
                    batch.Write(sentence);
                }

                await _stream.WriteAsync(batch.WrittenMemory, _lifetime.Token);
                await _stream.FlushAsync(_lifetime.Token);
                batch.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            // Closed while idle or mid-write; Close already failed the waiting commands.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            Close(new RouterOsConnectionException($"Writing to {Endpoint} failed: {ex.Message}", ex));
        }
    }

    /// <summary>
    /// Forgets a command the caller gave up on and asks the router to stop it; a <c>/cancel</c> that itself timed
    /// out is not cancelled again, or an unresponsive router would get an endless chain of them.
    /// </summary>
    private void Abandon(string tag, string command)
    {
        if (_pending.TryRemove(tag, out _) && IsConnected && command != "/cancel")
        {
            _ = CancelOnRouterAsync(tag);
        }
    }

    private async Task CancelOnRouterAsync(string tag)
    {
        try
        {
            await SendAsync("/cancel", ["=tag=" + tag], CancelTimeout);
        }
        catch (RouterOsException ex)
        {
            LogCancelFailed(_logger, tag, Endpoint, ex.Message);
        }
    }

    private void StartReading() => _readLoop = Task.Run(ReadLoopAsync);

    private async Task ReadLoopAsync()
    {
        Exception failure;
        try
        {
            while (true)
            {
                var words = await _reader.ReadSentenceAsync(_lifetime.Token);
                if (words is null)
                {
                    failure = new RouterOsConnectionException($"{Endpoint} closed the connection.");
                    break;
                }

                var reply = ReplySentence.Parse(words);
                if (reply.Type == "!fatal")
                {
                    failure = new RouterOsFatalException(FatalReason(reply));
                    break;
                }

                Dispatch(reply);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            failure = new RouterOsConnectionException($"Connection to {Endpoint} was closed.");
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or RouterOsProtocolException)
        {
            failure = new RouterOsConnectionException($"Connection to {Endpoint} broke: {ex.Message}", ex);
        }

        Close(failure);
    }

    private void Dispatch(ReplySentence reply)
    {
        if (reply.Tag is null || !_pending.TryGetValue(reply.Tag, out var command))
        {
            // Replies to commands abandoned after a timeout or cancellation land here.
            LogUnroutable(_logger, reply.Type, reply.Tag, Endpoint);
            return;
        }

        switch (reply.Type)
        {
            case "!re":
                command.AddItem(reply.Attributes);
                break;
            case "!trap":
                command.AddTrap(ToTrap(reply));
                break;
            case "!done":
                _pending.TryRemove(reply.Tag, out _);
                command.Complete(reply.Attributes);
                break;
            case "!empty":
                break;
            default:
                // RouterOS has added reply words before (!empty in 7.18); tolerating them keeps old clients alive.
                LogUnknownReply(_logger, reply.Type, Endpoint);
                break;
        }
    }

    private void Close(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        LogClosed(_logger, Endpoint, reason.Message);
        _writes.Writer.TryComplete();
        _lifetime.Cancel();
        foreach (var tag in _pending.Keys)
        {
            if (_pending.TryRemove(tag, out var command))
            {
                command.Fail(reason);
            }
        }

        _stream.Dispose();
    }

    private void ThrowIfClosed()
    {
        var reason = Volatile.Read(ref _closeReason);
        if (reason is not null)
        {
            throw reason as RouterOsConnectionException
                ?? new RouterOsConnectionException($"Connection to {Endpoint} is closed.", reason);
        }
    }

    private static RouterOsTrap ToTrap(ReplySentence reply)
    {
        int? category = reply.Attributes.TryGetValue("category", out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
        return new RouterOsTrap(category, reply.Attributes.TryGetValue("message", out var message) ? message : string.Empty);
    }

    /// <summary>The reason after <c>!fatal</c> is a bare word, without the usual <c>=</c>.</summary>
    private static string FatalReason(ReplySentence reply) =>
        reply.BareWords.Count > 0 ? string.Join(' ', reply.BareWords)
        : reply.Attributes.TryGetValue("message", out var message) ? message
        : "no reason given";

    [LoggerMessage(Level = LogLevel.Trace, Message = "Sending {Command} tag {Tag} to {Endpoint}")]
    private static partial void LogSending(ILogger logger, string command, string tag, RouterEndpoint endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring {ReplyType} with tag {Tag} from {Endpoint}: no command waits for it")]
    private static partial void LogUnroutable(ILogger logger, string replyType, string? tag, RouterEndpoint endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring unknown reply word {ReplyType} from {Endpoint}")]
    private static partial void LogUnknownReply(ILogger logger, string replyType, RouterEndpoint endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cancelling tag {Tag} on {Endpoint} failed: {Reason}")]
    private static partial void LogCancelFailed(ILogger logger, string tag, RouterEndpoint endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection to {Endpoint} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, RouterEndpoint endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to {Endpoint}")]
    private static partial void LogConnected(ILogger logger, RouterEndpoint endpoint);
}
