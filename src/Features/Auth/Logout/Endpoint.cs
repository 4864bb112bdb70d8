using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Security;
using NodaTime;

namespace MikroNet.Features.Auth.Logout;

/// <summary>
/// Revokes the calling token at once; other tokens of the same user stay valid. The answer waits (at most
/// <see cref="AckWait"/>) until every host listening to the database has acknowledged the revocation, so when it
/// arrives no host accepts the token any more.
/// </summary>
public sealed class Endpoint(MikroNetDb db, IClock clock, RevokedTokens revoked) : EndpointWithoutRequest<MessageOnly>
{
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(2);

    public override void Configure()
    {
        Post("/auth/logout");
        Summary(s => s.Summary = "Revoke the bearer token of this request");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var tokenId = User.TokenId()!.Value;
        using var acks = revoked.ExpectAcks(tokenId);
        if (await Data.RevokeAsync(db, tokenId, clock.GetCurrentInstant(), ct) is { } expiresAt)
        {
            revoked.Add(tokenId, expiresAt);
            await acks.WaitAsync(await Data.ListeningHostsAsync(db, ct), AckWait, ct);
        }
        await Send.OkAsync(new MessageOnly("Logged out successfully"), ct);
    }
}
