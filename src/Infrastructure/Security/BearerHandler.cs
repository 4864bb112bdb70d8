using System.Security.Claims;
using MikroNet.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MikroNet.Infrastructure.Security;

/// <summary>
/// The bearer scheme: `Authorization: Bearer &lt;token&gt;`, validated once per host (<see cref="ValidatedTokens"/>) and
/// refused once revoked — the in-memory set while it is current, else the database, so a revoked token is never let
/// through. It does what ASP.NET Core's JwtBearerHandler did here, without the per-request work that handler does for
/// features this API does not use (a copy of the validation parameters, an event context per step, the token saved
/// in the ticket). 401 and 403 answers carry a problem-details body like every other error.
/// </summary>
internal sealed class BearerHandler(ValidatedTokens tokens, RevokedTokens revoked, ILogger<BearerHandler> logger) : IAuthenticationHandler
{
    public const string Scheme = "Bearer";

    private const string Prefix = "Bearer ";

    private HttpContext _http = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _http = context;
        return Task.CompletedTask;
    }

    /// <summary>Once per request, however many times it is asked (authorization asks again).</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= AuthenticateOnceAsync();

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        Exception? failure;
        try
        {
            failure = (await AuthenticateAsync()).Failure;
        }
        catch (Exception e)
        {
            failure = e;
        }
        _http.Response.Headers.WWWAuthenticate = Scheme;
        await Problem(StatusCodes.Status401Unauthorized, failure is null ? "A bearer token is required (POST /auth/login)."
            : "The bearer token is invalid, expired or revoked.");
    }

    public Task ForbidAsync(AuthenticationProperties? properties) =>
        Problem(StatusCodes.Status403Forbidden, "Your role may not do this.");

    private Task Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status).ExecuteAsync(_http);

    /// <summary>A token seen before, checked against the in-memory revocation set, is answered without awaiting.</summary>
    private Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        // As JwtBearerHandler read it: the whole header, the scheme in any case, the token trimmed; nothing is no result.
        var header = _http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var token = header.AsSpan(Prefix.Length).Trim();
        if (token.IsEmpty) return Task.FromResult(AuthenticateResult.NoResult());
        if (tokens.TryGetKnown(token, out var known))
            return revoked.IsCurrent ? Task.FromResult(InMemory(known)) : AskDatabaseAsync(known);
        return ValidateAsync(token.ToString());
    }

    private async Task<AuthenticateResult> ValidateAsync(string token)
    {
        var (valid, failure) = await tokens.ValidateAsync(token);
        if (valid is null)
        {
            logger.LogInformation(failure, "Failed to validate the token.");
            return AuthenticateResult.Fail(failure ?? new UnauthorizedAccessException("The token is not valid."));
        }
        return revoked.IsCurrent ? InMemory(valid) : await AskDatabaseAsync(valid);
    }

    /// <summary>While the LISTEN connection is down (or before the set's first load) the token's row answers.</summary>
    private async Task<AuthenticateResult> AskDatabaseAsync(ValidToken valid)
    {
        var live = valid.Id is { } id && await _http.RequestServices.GetRequiredService<MikroNetDb>().UserTokens
            .AnyAsync(t => t.Id == id && t.RevokedAt == null, _http.RequestAborted);
        return live ? Success(valid) : Revoked;
    }

    private AuthenticateResult InMemory(ValidToken valid) =>
        valid.Id is { } id && !revoked.Contains(id) ? Success(valid) : Revoked;

    private static AuthenticateResult Success(ValidToken valid) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(valid.Identity), Scheme));

    private static AuthenticateResult Revoked => AuthenticateResult.Fail("The token was revoked.");
}
