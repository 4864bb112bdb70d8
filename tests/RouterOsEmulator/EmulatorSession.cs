using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using MikroNet.RouterOsEmulator.Menus;
using MikroNet.RouterOsEmulator.State;
using MikroNet.RouterOsEmulator.Wire;

namespace MikroNet.RouterOsEmulator;

/// <summary>One client connection: login, then commands, each answered with its tag.</summary>
/// <remarks>Words travel as Latin-1 strings (see <see cref="ByteText"/>); only the login compares them with configured text.</remarks>
internal sealed class EmulatorSession(RouterOsEmulator emulator, Socket socket, Stream stream, ByteText text)
{
    private readonly WireReader _reader = new(stream, ByteText.Wire);
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _delayed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private bool _loggedIn;
    private string? _challenge;
    private int _sentences;

    private EmulatorOptions Options => emulator.Options;

    public async Task RunAsync()
    {
        try
        {
            while (await _reader.ReadSentenceAsync(_closed.Token) is { } words)
            {
                var request = Request.Parse(words);
                emulator.Count(request.Command);
                if (Options.DropAfterSentences is { } limit && ++_sentences >= limit)
                {
                    break;
                }

                if (!await HandleAsync(request))
                {
                    break;
                }

                // Replies of pipelined commands are batched until the client's pending input is used up.
                if (!_reader.HasBufferedData)
                {
                    await FlushAsync();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidDataException or SocketException)
        {
            // The client went away or broke the protocol; either way the session ends.
        }
        finally
        {
            Abort();
        }
    }

    /// <summary>Resets the socket, as a crashed or rebooted router would.</summary>
    public void Abort()
    {
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        _closed.Cancel();
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }

        stream.Dispose();
        socket.Dispose();
        emulator.Forget(this);
    }

    private async Task<bool> HandleAsync(Request request)
    {
        if (!_loggedIn)
        {
            return await HandleLoginAsync(request);
        }

        switch (request.Command)
        {
            case "/quit":
                await WriteAsync([Reply.Fatal(TrapMessages.SessionTerminated)], tag: null);
                await FlushAsync();
                return false;
            case "/cancel":
                Cancel(request.Get("tag"));
                await WriteAsync([Reply.Done()], request.Tag);
                return true;
        }

        if (Options.CommandDelays.TryGetValue(request.Command, out var delay) && delay > TimeSpan.Zero)
        {
            _ = RunDelayedAsync(request, delay);
            return true;
        }

        await WriteAsync(emulator.Execute(request), request.Tag);
        return true;
    }

    private async Task<bool> HandleLoginAsync(Request request)
    {
        if (request.Command != "/login")
        {
            await WriteAsync([Reply.Fatal(TrapMessages.NotLoggedIn)], tag: null);
            await FlushAsync();
            return false;
        }

        var name = request.Get("name");
        if (Options.LegacyLogin)
        {
            var response = request.Get("response");
            if (response is null || _challenge is null)
            {
                // Routers before 6.43 ignore a plain password and always hand out a challenge first.
                _challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                await WriteAsync([Reply.Done(_challenge)], request.Tag);
                return true;
            }

            _loggedIn = name == text.ToWire(Options.Username) && response == ExpectedResponse(_challenge);
            await WriteAsync(_loggedIn ? [Reply.Done()] : Reply.Failure(TrapMessages.LegacyLoginFailed), request.Tag);
            return true;
        }

        _loggedIn = name == text.ToWire(Options.Username) && request.Get("password") == text.ToWire(Options.Password);
        await WriteAsync(_loggedIn ? [Reply.Done()] : Reply.Failure(TrapMessages.LoginFailed), request.Tag);
        return true;
    }

    private string ExpectedResponse(string challenge)
    {
        byte[] input = [0, .. text.GetBytes(Options.Password), .. Convert.FromHexString(challenge)];
        return "00" + Convert.ToHexStringLower(MD5.HashData(input));
    }

    private async Task RunDelayedAsync(Request request, TimeSpan delay)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        var key = request.Tag ?? string.Empty;
        _delayed[key] = cancel;
        List<string[]> replies;
        try
        {
            await Task.Delay(delay, cancel.Token);
            replies = emulator.Execute(request);
        }
        catch (OperationCanceledException) when (!_closed.IsCancellationRequested)
        {
            replies = Reply.Failure(TrapMessages.Interrupted, TrapMessages.InterruptedCategory);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            _delayed.TryRemove(new KeyValuePair<string, CancellationTokenSource>(key, cancel));
        }

        try
        {
            await WriteAsync(replies, request.Tag);
            await FlushAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
    }

    /// <summary>Without <c>=tag=</c>, <c>/cancel</c> stops every running command of the session.</summary>
    private void Cancel(string? tag)
    {
        foreach (var (key, source) in _delayed)
        {
            if (tag is null || key == tag)
            {
                source.Cancel();
            }
        }
    }

    private async Task WriteAsync(List<string[]> sentences, string? tag)
    {
        await _writeLock.WaitAsync(_closed.Token);
        try
        {
            foreach (var sentence in sentences)
            {
                WireCodec.WriteSentence(_output, tag is null ? sentence : [.. sentence, ".tag=" + tag], ByteText.Wire);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task FlushAsync()
    {
        await _writeLock.WaitAsync(_closed.Token);
        try
        {
            if (_output.WrittenCount > 0)
            {
                await stream.WriteAsync(_output.WrittenMemory, _closed.Token);
                await stream.FlushAsync(_closed.Token);
                _output.ResetWrittenCount();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
