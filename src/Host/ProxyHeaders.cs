using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MikroNet.Host;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-For/-Proto/-Host are honoured only from the addresses in
/// <c>ForwardedHeaders:KnownProxies</c> (a list, or one comma-separated value), so rate limits, audit rows and logs
/// see the real client address and generated URLs the public scheme and host. With no proxy configured the headers
/// are ignored: anyone could send them.
/// </summary>
internal static class ProxyHeaders
{
    public const string Section = "ForwardedHeaders:KnownProxies";

    public static IHostApplicationBuilder AddProxyHeaders(this IHostApplicationBuilder builder)
    {
        var proxies = KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust loopback; only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
        return builder;
    }

    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Count > 0) app.UseForwardedHeaders();
        return app;
    }

    private static List<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var values = section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        var proxies = new List<IPAddress>();
        foreach (var value in values.Select(v => v.Trim()).Where(v => v.Length > 0))
            proxies.Add(IPAddress.TryParse(value, out var address) ? address
                : throw new InvalidOperationException($"{Section} holds '{value}', which is not an IP address."));
        return proxies;
    }
}
