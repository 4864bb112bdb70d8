using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Auth.Logout;

/// <summary>
/// Revokes the calling token at once; other tokens of the same user stay valid. The answer waits (briefly) until
/// the revocation has come back through this host's LISTEN connection, so every host has been told by then.
/// </summary>
public sealed class Endpoint(MikroNetDb db, IClock clock, RevokedTokens revoked) : EndpointWithoutRequest<MessageOnly>
{
    private static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(2);

    public override void Configure()
    {
        Post("/auth/logout");
        Summary(s => s.Summary = "Revoke the bearer token of this request");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var tokenId = User.TokenId()!.Value;
        var echo = revoked.EchoOf(tokenId);
        var expiresAt = await Data.RevokeAsync(db, tokenId, clock.GetCurrentInstant(), ct);
        if (expiresAt is { } expiry)
        {
            revoked.Add(tokenId, expiry);
            if (revoked.IsCurrent) await Task.WhenAny(echo, Task.Delay(EchoWait, ct));
        }
        revoked.ForgetEcho(tokenId);
        await Send.OkAsync(new MessageOnly("Logged out successfully"), ct);
    }
}
