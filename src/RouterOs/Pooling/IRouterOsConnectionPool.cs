namespace MikroNet.RouterOs;

/// <summary>Keeps one logged-in connection per router; register as a singleton.</summary>
public interface IRouterOsConnectionPool : IAsyncDisposable
{
    /// <summary>
    /// Returns the router's live connection, connecting (or reconnecting after a break) when needed.
    /// A different endpoint for the same router (new address, password, fingerprint…) replaces the old connection.
    /// </summary>
    Task<RouterOsConnection> GetAsync(long routerId, RouterEndpoint endpoint, CancellationToken cancellationToken = default);

    /// <summary>Closes the router's connection, e.g. after the router was deleted or its settings changed.</summary>
    Task InvalidateAsync(long routerId);
}
