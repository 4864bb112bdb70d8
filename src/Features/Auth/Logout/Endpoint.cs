using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Auth.Logout;

/// <summary>Revokes the calling token at once; other tokens of the same user stay valid.</summary>
public sealed class Endpoint(MikroNetDb db, IClock clock) : EndpointWithoutRequest<MessageOnly>
{
    public override void Configure()
    {
        Post("/auth/logout");
        Summary(s => s.Summary = "Revoke the bearer token of this request");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var tokenId = User.TokenId();
        var now = clock.GetCurrentInstant();
        await db.UserTokens.Where(t => t.Id == tokenId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        await Send.OkAsync(new MessageOnly("Logged out successfully"), ct);
    }
}
