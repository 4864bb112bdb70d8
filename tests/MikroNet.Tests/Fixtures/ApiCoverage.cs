using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// Every (operation, status code) the integration tests produce, recorded by a middleware that every
/// <see cref="AppFixture"/> host runs; OpenApiCoverageTests compares them with the OpenAPI document at the end.
/// </summary>
public static partial class ApiCoverage
{
    private static readonly ConcurrentDictionary<(string Method, string Path, int Status), byte> Seen = new();

    public static IReadOnlyCollection<(string Method, string Path, int Status)> Answers => Seen.Keys.ToList();

    /// <summary>Runs first in the pipeline, so it sees the final status of every route (and a 500 that escapes).</summary>
    public sealed class Recorder : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var status = StatusCodes.Status500InternalServerError;
                try
                {
                    await nextMiddleware(context);
                    status = context.Response.StatusCode;
                }
                finally
                {
                    Record(context, status);
                }
            });
            next(app);
        };
    }

    private static void Record(HttpContext context, int status)
    {
        // Only FastEndpoints operations are in the document (not /graphql, /health or an unknown route).
        if (context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<EndpointDefinition>() is null)
            return;
        var path = "/" + RouteConstraint().Replace(endpoint.RoutePattern.RawText ?? "", "{$1}").Trim('/');
        Seen.TryAdd((context.Request.Method.ToLowerInvariant(), path, status), 0);
    }

    // {id:int} in a route is {id} in the document.
    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}
