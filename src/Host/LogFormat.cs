using Microsoft.Extensions.Logging.Console;

namespace MikroNet.Host;

/// <summary>
/// Console logs as text (default) or, with <c>Logging:Format=json</c>, one JSON object per line for a log shipper.
/// Every line written while a request is handled carries its scopes: <c>TraceId</c>/<c>SpanId</c> (the W3C trace,
/// as exported over OTLP) and <c>RequestId</c>, the <c>trace_id</c> of the problem-details body the caller received.
/// </summary>
internal static class LogFormat
{
    public static IHostApplicationBuilder AddLogFormat(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        switch (builder.Configuration["Logging:Format"]?.ToLowerInvariant())
        {
            case null or "" or "text":
                break;
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
                break;
            default:
                throw new InvalidOperationException(
                    $"Logging:Format must be text or json, not '{builder.Configuration["Logging:Format"]}'.");
        }
        return builder;
    }
}
