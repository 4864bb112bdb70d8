using System.Security.Claims;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

public sealed record IssuedToken(string Token, Instant ExpiresAt);

/// <summary>Issues JWTs and records each one so that logout can revoke it server-side.</summary>
public sealed class TokenService(MikroNetDb db, SigningKey key, IClock clock, IOptions<AuthOptions> options)
{
    public async Task<IssuedToken> IssueAsync(User user, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var row = new UserToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            IssuedAt = now,
            ExpiresAt = now + Duration.FromTimeSpan(options.Value.TokenLifetime),
        };
        db.UserTokens.Add(row);
        await db.SaveChangesAsync(ct);

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = row.IssuedAt.ToDateTimeUtc(),
            NotBefore = row.IssuedAt.ToDateTimeUtc(),
            Expires = row.ExpiresAt.ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, row.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.UniqueName, user.Username),
                new Claim(Claims.Role, SnakeCaseEnums.ToSnakeCase(user.Role)),
            ]),
        });
        return new IssuedToken(token, row.ExpiresAt);
    }
}
