using MikroNet.RouterOs;

namespace MikroNet.Features.Provisioning;

/// <summary>
/// An API session that survives one break, as the outbox worker does on its next round: a command that fails
/// because the connection closed or broke (a pooled session the router dropped while idle, a reset mid-command) is
/// sent once more on a fresh connection. Timeouts, traps and a failing reconnect are not retried, so a router that
/// is really down still fails fast (refused at once, or after the connect timeout).
/// </summary>
/// <remarks>
/// Commands may run concurrently; after a break they share one new connection. With <c>owned</c> connections
/// (not the pool's) disposing the session closes every connection it opened.
/// </remarks>
public sealed class RouterSession : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<RouterOsConnection>> _connect;
    private readonly bool _owned;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<RouterOsConnection> _opened = [];
    private RouterOsConnection _current;

    private RouterSession(Func<CancellationToken, Task<RouterOsConnection>> connect, bool owned, RouterOsConnection first)
    {
        _connect = connect;
        _owned = owned;
        _current = first;
        _opened.Add(first);
    }

    /// <summary>How many fresh connections were opened after a break.</summary>
    public int Reconnects => _opened.Count - 1;

    /// <exception cref="RouterOsException">The first connection could not be opened; not retried.</exception>
    public static async Task<RouterSession> OpenAsync(
        Func<CancellationToken, Task<RouterOsConnection>> connect, bool owned, CancellationToken ct) =>
        new(connect, owned, await connect(ct));

    public async Task<T> RunAsync<T>(Func<RouterOsConnection, Task<T>> command, CancellationToken ct)
    {
        var connection = Volatile.Read(ref _current);
        try
        {
            return await command(connection);
        }
        catch (RouterOsConnectionException ex) when (ex is not RouterOsTimeoutException)
        {
            // The connection is closed by now (the client marks it before failing its commands).
        }

        return await command(await ReplaceAsync(connection, ct));
    }

    public Task RunAsync(Func<RouterOsConnection, Task> command, CancellationToken ct) =>
        RunAsync(async connection =>
        {
            await command(connection);
            return true;
        }, ct);

    /// <summary>The first caller after a break connects; the others take what it opened.</summary>
    private async Task<RouterOsConnection> ReplaceAsync(RouterOsConnection broken, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (ReferenceEquals(_current, broken))
            {
                _current = await _connect(ct);
                _opened.Add(_current);
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned)
        {
            foreach (var connection in _opened) await connection.DisposeAsync();
        }

        _gate.Dispose();
    }
}
