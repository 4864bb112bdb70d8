using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

/// <summary>A bearer token this host has validated: its identity, its id (the user_tokens row) and its expiry.</summary>
public sealed record ValidToken(ClaimsIdentity Identity, Guid? Id, Instant ExpiresAt);

/// <summary>
/// Validates bearer tokens (signature, issuer, audience, expiry by <see cref="IClock"/>) and remembers the ones it has
/// validated, until they expire: a session sends the same token with every request, and validating it (parse, HMAC,
/// claims) allocated ~10 KB per request. Only what the signature proves is remembered: revocation is checked on
/// every request by the caller (<see cref="BearerHandler"/>, the GraphQL WebSocket), and expiry against the clock on
/// every hit. The shared identity is only read downstream.
/// </summary>
public sealed class ValidatedTokens
{
    /// <summary>Far above the sessions one back office has open; past it the memory starts over.</summary>
    private const int Capacity = 4096;

    private readonly IClock _clock;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly ConcurrentDictionary<string, ValidToken> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ValidToken>.AlternateLookup<ReadOnlySpan<char>> _validBySpan;

    public ValidatedTokens(SigningKey key, IClock clock)
    {
        _clock = clock;
        _validBySpan = _valid.GetAlternateLookup<ReadOnlySpan<char>>();
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = AuthOptions.Issuer,
            ValidAudience = AuthOptions.Audience,
            IssuerSigningKey = key.Key,
            RoleClaimType = Claims.Role,
            NameClaimType = "unique_name",
            LifetimeValidator = (_, expires, _, _) =>
                expires is { } e && Instant.FromDateTimeUtc(e.ToUniversalTime()) > clock.GetCurrentInstant(),
        };
    }

    /// <summary>
    /// A token validated before and not expired since, looked up by its text as the request carries it (no string is
    /// cut out of the header for it). False sends the caller to <see cref="ValidateAsync"/>.
    /// </summary>
    public bool TryGetKnown(ReadOnlySpan<char> token, out ValidToken valid)
    {
        if (_validBySpan.TryGetValue(token, out valid!))
        {
            if (valid.ExpiresAt > _clock.GetCurrentInstant()) return true;
            _validBySpan.TryRemove(token, out _);
        }
        return false;
    }

    /// <summary>Validates a token seen for the first time (or expired): the token, or why it is refused.</summary>
    public async Task<(ValidToken? Valid, Exception? Failure)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid || result.SecurityToken is not { } validated) return (null, result.Exception);
        var identity = result.ClaimsIdentity;
        var valid = new ValidToken(identity, new ClaimsPrincipal(identity).TokenId(),
            Instant.FromDateTimeUtc(validated.ValidTo.ToUniversalTime()));
        if (_valid.Count >= Capacity) _valid.Clear();
        _valid[token] = valid;
        return (valid, null);
    }
}
