using System.Net;
using System.Security.Cryptography;
using System.Text;
using MikroNet.Infrastructure.Telemetry;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MikroNet.Host;

/// <summary>
/// OpenTelemetry: HTTP server, .NET runtime, Npgsql and MikroNet metrics, scraped by Prometheus at /metrics; traces
/// and metrics also pushed over OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set (off by default). What each metric
/// means and the alert rules worth setting: docs/operations.md.
/// </summary>
internal static class Telemetry
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MetricsSnapshot>();
        builder.Services.AddSingleton<MikroNetMetrics>();
        var otlp = builder.Configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("mikronet"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter("Npgsql").AddMeter(MikroNetMetrics.MeterName)
                    .AddView(instrument => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit(instrument) })
                    // Every scrape reads fresh values: the gauges were just refreshed for it.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        if (otlp is not null)
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        return builder;
    }

    // Meters whose streams carry a route or a router as an attribute.
    private static readonly HashSet<string> PerRouteMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", MikroNetMetrics.MeterName];

    /// <summary>
    /// Each metric stream preallocates room for its cardinality limit (2,000 attribute sets, 144 KB, by default): the
    /// ~70 streams held 10 MB of the heap at the default and 2.5 MB at 512 for all. 512 fits every route x method x
    /// status, or every router; the runtime's, Npgsql's and Kestrel's streams carry a handful of attribute sets.
    /// </summary>
    private static int CardinalityLimit(System.Diagnostics.Metrics.Instrument instrument) =>
        PerRouteMeters.Contains(instrument.Meter.Name) ? 512 : 32;

    /// <summary>
    /// /metrics answers a caller presenting <c>Metrics:Token</c> as a bearer token, or a loopback caller that did
    /// not come through a proxy; anyone else gets 404, as if it were not there.
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var token = app.Configuration["Metrics:Token"];
        app.UseWhen(http => http.Request.Path == Path, branch => branch.Use(async (http, next) =>
        {
            if (!Allowed(http, token))
            {
                await Results.Problem(statusCode: StatusCodes.Status404NotFound).ExecuteAsync(http);
                return;
            }
            await http.RequestServices.GetRequiredService<MetricsSnapshot>().RefreshAsync(http.RequestAborted);
            await next(http);
        }));
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }

    private static bool Allowed(HttpContext http, string? token)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (token is { Length: > 0 } && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..]), Encoding.UTF8.GetBytes(token)))
            return true;
        // A request relayed by a proxy arrives from loopback too; it is not a local caller.
        return http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");
    }
}
