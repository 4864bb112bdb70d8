using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Common;

/// <summary>
/// Frontends served from other origins (`Cors:AllowedOrigins`, default none): REST, `/graphql` and the GraphQL
/// WebSocket answer them with CORS headers, preflights included. Bearer tokens travel in the Authorization header
/// (or in `connection_init` on the WebSocket), never in cookies, so credentials are not allowed.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string Section = "Cors";

    /// <summary>Origins such as `http://localhost:3000`; `*` allows any origin.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public bool AllowsAny => AllowedOrigins.Contains("*");

    /// <summary>Whether a request (or WebSocket handshake) from <paramref name="origin"/> may be answered.</summary>
    public bool Allows(string origin) => AllowsAny || AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(o => o != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/') || uri.UserInfo.Length > 0)
                yield return new ValidationResult(
                    $"Cors:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], no path or trailing slash).");
        }
    }
}

public static class CrossOrigin
{
    /// <summary>Headers a frontend reads from our answers (the rest are CORS-safelisted already).</summary>
    private static readonly string[] Exposed = ["Location", "Content-Disposition", "WWW-Authenticate", "Retry-After", "ETag"];

    public static IHostApplicationBuilder AddCrossOrigin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrossOriginOptions>().BindConfiguration(CrossOriginOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddSingleton<IConfigureOptions<CorsOptions>>(services => new ConfigureOptions<CorsOptions>(cors =>
        {
            var allowed = services.GetRequiredService<IOptions<CrossOriginOptions>>().Value;
            cors.AddDefaultPolicy(policy =>
            {
                policy.SetIsOriginAllowed(allowed.Allows).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(Exposed)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        }));
        return builder;
    }

    /// <summary>First in the pipeline, so that every answer (errors and 401s too) carries the headers a browser needs to read it.</summary>
    public static WebApplication UseCrossOrigin(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    /// <summary>
    /// Browsers do not apply CORS to WebSockets: a handshake with an Origin header is accepted from the host's own
    /// origin and the allowed ones only.
    /// </summary>
    public static bool WebSocketOriginAllowed(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        var own = $"{http.Request.Scheme}://{http.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || http.RequestServices.GetRequiredService<IOptions<CrossOriginOptions>>().Value.Allows(origin);
    }
}
