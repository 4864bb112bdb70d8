using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Auth.Login;

public sealed class Endpoint(MikroNetDb db, IPasswordHasher<User> hasher, TokenService tokens)
    : Endpoint<Request, Response>
{
    public const string RateLimitPolicy = "login";

    public override void Configure()
    {
        Post("/auth/login");
        AllowAnonymous();
        Options(o => o.RequireRateLimiting(RateLimitPolicy));
        Summary(s => s.Summary = "Exchange a username and password for a bearer token");
        Description(b => b.Problems(401, 429));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Username.ToLower() == req.Username.ToLower(), ct);
        var verdict = user is null
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(user, user.PasswordHash, req.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
            ThrowError("Invalid username or password.", StatusCodes.Status401Unauthorized);
        if (user.DisabledAt is not null) ThrowError("This user is disabled.", StatusCodes.Status401Unauthorized);

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, req.Password);

        var issued = await tokens.IssueAsync(user, ct);
        var role = SnakeCaseEnums.ToSnakeCase(user.Role);
        await Send.OkAsync(new Response("Login successful", issued.Token, issued.ExpiresAt,
            new TokenData(issued.Token, "Bearer", issued.ExpiresAt, role)), ct);
    }
}
