using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Security;

namespace MikroNet.Features.Auth.Logout;

/// <summary>
/// Revokes the calling token at once; other tokens of the same user stay valid. The answer waits until every host
/// listening to the database has acknowledged the revocation, so when it arrives no host accepts the token any more.
/// </summary>
public sealed class Endpoint(TokenRevocation revocation) : EndpointWithoutRequest<MessageOnly>
{
    public override void Configure()
    {
        Post("/auth/logout");
        Roles(Common.Roles.Everyone);
        Summary(s => s.Summary = "Revoke the bearer token of this request");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        using var revoked = await revocation.RevokeTokenAsync(User.TokenId()!.Value, ct);
        await revoked.ConfirmAsync(ct);
        await Send.OkAsync(new MessageOnly("Logged out successfully"), ct);
    }
}
