using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
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
        return tokens.TryGetKnown(token, out var known) ? VerdictAsync(known) : ValidateAsync(token.ToString());
    }

    private async Task<AuthenticateResult> ValidateAsync(string token)
    {
        var (valid, failure) = await tokens.ValidateAsync(token);
        if (valid is null)
        {
            logger.LogInformation(failure, "Failed to validate the token.");
            return AuthenticateResult.Fail(failure ?? new UnauthorizedAccessException("The token is not valid."));
        }
        return await VerdictAsync(valid);
    }

    /// <summary>A valid token is let through unless revoked (<see cref="RevokedTokens.IsLiveAsync"/>).</summary>
    private Task<AuthenticateResult> VerdictAsync(ValidToken valid)
    {
        if (valid.Id is not { } id) return Task.FromResult(Revoked);
        var live = revoked.IsLiveAsync(id, _http.RequestServices, _http.RequestAborted);
        return live.IsCompletedSuccessfully ? Task.FromResult(live.Result ? Success(valid) : Revoked) : AwaitAsync(live, valid);
    }

    private static async Task<AuthenticateResult> AwaitAsync(ValueTask<bool> live, ValidToken valid) =>
        await live ? Success(valid) : Revoked;

    private static AuthenticateResult Success(ValidToken valid) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(valid.Identity), Scheme));

    private static AuthenticateResult Revoked => AuthenticateResult.Fail("The token was revoked.");
}
