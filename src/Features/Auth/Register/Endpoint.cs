using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Auth.Register;

/// <summary>The first user becomes admin; after that only an admin may add users.</summary>
public sealed class Endpoint(MikroNetDb db, IPasswordHasher<User> hasher, IClock clock)
    : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/auth/register");
        AllowAnonymous();
        Summary(s => s.Summary = "Register a user (the first one anonymously, as admin; later ones by an admin)");
        Description(b => b.Created<Envelope<Response>>().Problems(401, 403, 409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Serialises concurrent first registrations so only one of them becomes the admin.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Users.UserChanges.LockKey})", ct);

        var first = !await db.Users.AnyAsync(ct);
        if (!first)
        {
            if (User.Identity?.IsAuthenticated != true) ThrowError("Only an admin may register users.", StatusCodes.Status401Unauthorized);
            if (!User.IsInRole(Common.Roles.Admin)) ThrowError("Only an admin may register users.", StatusCodes.Status403Forbidden);
        }
        if (await db.Users.AnyAsync(u => u.Username.ToLower() == req.Username.ToLower(), ct))
            ThrowError(r => r.Username, "This username is taken.", StatusCodes.Status409Conflict);

        var user = new User
        {
            Username = req.Username,
            PasswordHash = "",
            Role = first ? UserRole.Admin : Users.UserRules.RoleNames[req.Role ?? Common.Roles.Operator],
            CreatedAt = clock.GetCurrentInstant(),
        };
        user.PasswordHash = hasher.HashPassword(user, req.Password);
        await db.Users.AddAsync(user, ct);
        db.Audit(User, user.CreatedAt, "user.registered", "user", user.Id, new { user.Username, role = Role(user) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await Send.ResponseAsync(new Envelope<Response>("User registered successfully",
            new Response(user.Id, user.Username, Role(user))), StatusCodes.Status201Created, ct);
    }

    private static string Role(User u) => SnakeCaseEnums.ToSnakeCase(u.Role);
}
