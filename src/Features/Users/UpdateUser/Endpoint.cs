using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace MikroNet.Features.Users.UpdateUser;

/// <summary>
/// Changes a user's role or disables them. Either change revokes all their tokens at once (a token carries the role
/// it was issued with); the last enabled admin can be neither demoted nor disabled (409).
/// </summary>
public sealed class Endpoint(MikroNetDb db, IClock clock, TokenRevocation revocation) : Endpoint<Request, Envelope<UserView>>
{
    public override void Configure()
    {
        Put("/users/{id:int}");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Change a user's role or disable them (their tokens are revoked at once)");
        Description(b => b.Problems(409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await UserChanges.LockAsync(db, req.Id, ct);
        if (user is null) ThrowError($"User {req.Id} was not found.", StatusCodes.Status404NotFound);
        var before = UserView.From(user);
        var now = clock.GetCurrentInstant();
        user.Role = req.Role is null ? user.Role : UserRules.RoleNames[req.Role];
        user.DisabledAt = req.Disabled switch { true => user.DisabledAt ?? now, false => null, null => user.DisabledAt };
        var after = UserView.From(user);
        if (before.Role == Common.Roles.Admin && !before.Disabled && (after.Role != Common.Roles.Admin || after.Disabled)
            && !await UserChanges.OtherEnabledAdminExistsAsync(db, user.Id, ct))
            ThrowError("At least one enabled admin must remain.", StatusCodes.Status409Conflict);

        using var revoked = before.Role != after.Role || after.Disabled && !before.Disabled
            ? await revocation.RevokeUserAsync(user.Id, keep: null, ct) : null;
        db.Audit(User, now, "user.updated", "user", user.Id, new AuditChange<UserView>(before, after));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (revoked is not null) await revoked.ConfirmAsync(ct);
        await Send.OkAsync(new Envelope<UserView>("User updated successfully", after), ct);
    }
}
