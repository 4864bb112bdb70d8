using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MikroNet.RouterOs;

public sealed class RouterOsConnectionPool(RouterOsClientOptions? options = null, ILogger<RouterOsConnectionPool>? logger = null)
    : IRouterOsConnectionPool
{
    private readonly ConcurrentDictionary<long, Slot> _slots = new();
    private readonly RouterOsClientOptions _options = options ?? RouterOsClientOptions.Default;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private volatile bool _disposed;

    public async Task<RouterOsConnection> GetAsync(long routerId, RouterEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slot = _slots.GetOrAdd(routerId, _ => new Slot());
        if (slot.Connection is { IsConnected: true } live && live.Endpoint == endpoint)
        {
            return live;
        }

        // One connect per router at a time, so a burst of callers after a break opens a single session.
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = slot.Connection;
            if (current is { IsConnected: true } && current.Endpoint == endpoint)
            {
                return current;
            }

            slot.Connection = null;
            if (current is not null)
            {
                await current.DisposeAsync();
            }

            var fresh = await RouterOsConnection.ConnectAsync(endpoint, _options, _logger, cancellationToken);
            slot.Connection = fresh;
            return fresh;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    public async Task InvalidateAsync(long routerId)
    {
        if (!_slots.TryGetValue(routerId, out var slot))
        {
            return;
        }

        await slot.Gate.WaitAsync();
        try
        {
            var current = slot.Connection;
            slot.Connection = null;
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var routerId in _slots.Keys)
        {
            await InvalidateAsync(routerId);
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile RouterOsConnection? Connection;
    }
}
