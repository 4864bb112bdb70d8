using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace MikroNet.Features.Users.SetPassword;

/// <summary>An admin sets a user's password (a forgotten one); every token of that user is revoked at once.</summary>
public sealed class Endpoint(MikroNetDb db, IPasswordHasher<User> hasher, IClock clock, TokenRevocation revocation)
    : Endpoint<Request, MessageOnly>
{
    public override void Configure()
    {
        Post("/users/{id:int}/password");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Set a user's password (their tokens are revoked at once)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await UserChanges.LockAsync(db, req.Id, ct);
        if (user is null) ThrowError($"User {req.Id} was not found.", StatusCodes.Status404NotFound);
        user.PasswordHash = hasher.HashPassword(user, req.Password);
        using var revoked = await revocation.RevokeUserAsync(user.Id, keep: null, ct);
        db.Audit(User, clock.GetCurrentInstant(), "user.password_set", "user", user.Id,
            new { tokens_revoked = revoked.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await revoked.ConfirmAsync(ct);
        await Send.OkAsync(new MessageOnly("Password set; the user's tokens were revoked"), ct);
    }
}
