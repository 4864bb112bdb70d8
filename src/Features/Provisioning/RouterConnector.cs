using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs;
using MikroNet.Infrastructure.Security;
using Microsoft.Extensions.Logging;

namespace MikroNet.Features.Provisioning;

/// <summary>Turns a stored router into a live API session.</summary>
public sealed class RouterConnector(
    IRouterOsConnectionPool pool, SecretProtector secrets, RouterOsClientOptions options, ILogger<RouterConnector> logger)
{
    /// <summary>The router's shared session; a changed address or password opens a new one.</summary>
    public Task<RouterOsConnection> PooledAsync(Router router, CancellationToken ct) =>
        pool.GetAsync(router.Id, EndpointOf(router), ct);

    /// <summary>A session of its own, so that a check proves the router accepts a login now.</summary>
    public Task<RouterOsConnection> FreshAsync(Router router, CancellationToken ct) =>
        RouterOsConnection.ConnectAsync(EndpointOf(router), options, logger, ct);

    /// <summary>The shared session, reconnected once when it turns out closed or breaks mid-command.</summary>
    public Task<RouterSession> PooledSessionAsync(Router router, CancellationToken ct) =>
        RouterSession.OpenAsync(c => PooledAsync(router, c), owned: false, ct);

    /// <summary>Sessions of its own (closed with the session), reconnected once when one breaks mid-command.</summary>
    public Task<RouterSession> FreshSessionAsync(Router router, CancellationToken ct) =>
        RouterSession.OpenAsync(c => FreshAsync(router, c), owned: true, ct);

    private RouterEndpoint EndpointOf(Router r) =>
        new(r.Host, r.Port, r.UseTls, r.Username, secrets.Unprotect(r.PasswordProtected), r.TlsFingerprint, r.Encoding);
}
