using MikroNet.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

/// <summary>Bearer validation: signature, issuer, audience, expiry by <see cref="IClock"/>, and not revoked.</summary>
internal sealed class JwtSetup(SigningKey key, IClock clock, ValidatedTokens validatedTokens) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(validatedTokens);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = AuthOptions.Issuer,
            ValidAudience = AuthOptions.Audience,
            IssuerSigningKey = key.Key,
            RoleClaimType = Claims.Role,
            NameClaimType = "unique_name",
            LifetimeValidator = (_, expires, _, _) =>
                expires is { } e && Instant.FromDateTimeUtc(e.ToUniversalTime()) > clock.GetCurrentInstant(),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = RejectRevokedAsync,
            OnChallenge = ChallengeAsProblemAsync,
            OnForbidden = context => Problem(context.HttpContext, StatusCodes.Status403Forbidden, "Your role may not do this."),
        };
    }

    /// <summary>401 answers carry a problem-details body like every other error, not an empty one.</summary>
    private static Task ChallengeAsProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(context.HttpContext, StatusCodes.Status401Unauthorized,
            context.AuthenticateFailure is null ? "A bearer token is required (POST /auth/login)."
                : "The bearer token is invalid, expired or revoked.");
    }

    private static Task Problem(HttpContext http, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status).ExecuteAsync(http);

    /// <summary>
    /// The in-memory set answers while it is current; while the LISTEN connection is down the database does, so a
    /// revoked token is never let through.
    /// </summary>
    private static async Task RejectRevokedAsync(TokenValidatedContext context)
    {
        var tokenId = context.Principal?.TokenId();
        var services = context.HttpContext.RequestServices;
        var revoked = services.GetRequiredService<RevokedTokens>();
        bool live;
        if (tokenId is not { } id) live = false;
        else if (revoked.IsCurrent) live = !revoked.Contains(id);
        else
            live = await services.GetRequiredService<MikroNetDb>().UserTokens
                .AnyAsync(t => t.Id == id && t.RevokedAt == null, context.HttpContext.RequestAborted);
        if (!live) context.Fail("The token was revoked.");
    }
}
