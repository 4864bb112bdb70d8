using System.Net;
using System.Text.Json;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>A host behind the proxy 10.0.0.1: forwarded headers count from it and from nobody else.</summary>
public sealed class ProxyHeadersTests(ProxyHeadersTests.Fixture app) : IClassFixture<ProxyHeadersTests.Fixture>
{
    private const string Proxy = "10.0.0.1";

    [Fact]
    public async Task Request_FromTheKnownProxy_SeesTheClientAddressAndPublicScheme()
    {
        var token = await app.Api.AdminTokenAsync();

        var (context, routerId) = await RegisterRouterAsync(token, from: Proxy, forwardedFor: "203.0.113.7");

        context.Request.Scheme.ShouldBe("https");
        context.Request.Host.Value.ShouldBe("isp.example.net");
        (await AuditAddressAsync(routerId)).ShouldBe("203.0.113.7");
    }

    [Fact]
    public async Task Request_FromAnyoneElse_ForwardedHeadersAreIgnored()
    {
        var token = await app.Api.AdminTokenAsync();

        var (context, routerId) = await RegisterRouterAsync(token, from: "10.0.0.9", forwardedFor: "203.0.113.7");

        context.Request.Scheme.ShouldBe("http");
        (await AuditAddressAsync(routerId)).ShouldBe("10.0.0.9");
    }

    [Fact]
    public async Task Login_RateLimit_CountsEachClientBehindTheProxyApart()
    {
        await app.Api.AdminTokenAsync();
        var first = new List<int>();
        for (var i = 0; i < 3; i++) first.Add(await LoginStatusAsync("198.51.100.1"));
        var other = await LoginStatusAsync("198.51.100.2");

        first.ShouldBe([401, 401, 429]);
        other.ShouldBe(401);
    }

    private async Task<(HttpContext Context, int RouterId)> RegisterRouterAsync(string token, string from, string forwardedFor)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Api.NewRouter(Api.Unique("px")), ApiJson.Requests);
        var context = await app.Host.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = "POST";
            c.Request.Path = "/routers";
            c.Request.Headers.Authorization = "Bearer " + token;
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = "isp.example.net";
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(body);
        });
        context.Response.StatusCode.ShouldBe(201);
        var answer = await JsonDocument.ParseAsync(context.Response.Body);
        return (context, answer.RootElement.GetProperty("data").GetProperty("router_id").GetInt32());
    }

    private async Task<int> LoginStatusAsync(string client)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { username = AppFixture.AdminUser, password = "wrong-password-1" });
        var context = await app.Host.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
            c.Request.Method = "POST";
            c.Request.Path = "/auth/login";
            c.Request.Headers["X-Forwarded-For"] = client;
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(body);
        });
        return context.Response.StatusCode;
    }

    private async Task<string?> AuditAddressAsync(int routerId)
    {
        await using var db = app.Db();
        return await db.AuditEntries.Where(a => a.EntityType == "router" && a.EntityId == routerId.ToString())
            .Select(a => a.Address).SingleAsync();
    }

    public sealed class Fixture : AppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("ForwardedHeaders:KnownProxies", Proxy),
            new("Auth:LoginPermitsPerMinute", "2"),
        ];
    }
}
