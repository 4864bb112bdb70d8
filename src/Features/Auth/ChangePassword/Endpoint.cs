using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Users;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace MikroNet.Features.Auth.ChangePassword;

/// <summary>
/// A user changes their own password, proving the current one (rate-limited like login, so a stolen token cannot be
/// used to guess it). Every other token of the user is revoked at once; the one making the request stays valid.
/// </summary>
public sealed class Endpoint(MikroNetDb db, IPasswordHasher<User> hasher, IClock clock, TokenRevocation revocation)
    : Endpoint<Request, MessageOnly>
{
    public override void Configure()
    {
        Post("/auth/password");
        Roles(Common.Roles.Everyone);
        Options(o => o.RequireRateLimiting(Login.Endpoint.RateLimitPolicy));
        Summary(s => s.Summary = "Change your own password (needs the current one; your other tokens are revoked)");
        Description(b => b.Problems(429));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = (await UserChanges.LockAsync(db, User.UserId()!.Value, ct))!;
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, req.CurrentPassword) == PasswordVerificationResult.Failed)
            ThrowError(r => r.CurrentPassword, "The current password is wrong.");
        user.PasswordHash = hasher.HashPassword(user, req.NewPassword);
        using var revoked = await revocation.RevokeUserAsync(user.Id, keep: User.TokenId(), ct);
        db.Audit(User, clock.GetCurrentInstant(), "user.password_changed", "user", user.Id,
            new { tokens_revoked = revoked.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await revoked.ConfirmAsync(ct);
        await Send.OkAsync(new MessageOnly("Password changed; your other tokens were revoked"), ct);
    }
}
