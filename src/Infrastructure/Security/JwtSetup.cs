using MikroNet.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

/// <summary>Bearer validation: signature, issuer, audience, expiry by <see cref="IClock"/>, and not revoked.</summary>
internal sealed class JwtSetup(SigningKey key, IClock clock) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
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
        options.Events = new JwtBearerEvents { OnTokenValidated = RejectRevokedAsync };
    }

    private static async Task RejectRevokedAsync(TokenValidatedContext context)
    {
        var tokenId = context.Principal?.TokenId();
        var db = context.HttpContext.RequestServices.GetRequiredService<MikroNetDb>();
        var live = tokenId is { } id && await db.UserTokens.AnyAsync(t => t.Id == id && t.RevokedAt == null,
            context.HttpContext.RequestAborted);
        if (!live) context.Fail("The token was revoked.");
    }
}
