using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MikroNet.Infrastructure.Security;

/// <summary>
/// Remembers the bearer tokens this host has validated, until they expire: a session sends the same token with every
/// request, and validating it (parse, HMAC, claims) allocated ~10 KB per request, a third of a details request's
/// garbage. Only what the signature proves is remembered: revocation is still checked on every request
/// (<see cref="JwtSetup"/>), and expiry against the clock on every hit. The shared identity is only read downstream.
/// </summary>
internal sealed class ValidatedTokens(IClock clock) : JsonWebTokenHandler
{
    /// <summary>Far above the sessions one back office has open; past it the memory starts over.</summary>
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, Instant Expires)> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters parameters)
    {
        var now = clock.GetCurrentInstant();
        if (_valid.TryGetValue(token, out var known))
        {
            if (known.Expires > now) return known.Result;
            _valid.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, parameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            if (_valid.Count >= Capacity) _valid.Clear();
            _valid[token] = (result, Instant.FromDateTimeUtc(validated.ValidTo.ToUniversalTime()));
        }
        return result;
    }
}
