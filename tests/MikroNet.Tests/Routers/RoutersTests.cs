using System.Net;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Routers;

public sealed class RoutersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object NewRouter(string name) =>
        new { name, host = "10.0.0.1", username = "api", password = "router-secret" };

    [Fact]
    public async Task Register_ValidRouter_Returns201WithoutPassword()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("core-1"));
        status.ShouldBe(201);
        var data = body.GetProperty("data");
        data.PropertyNames().ShouldBe(["router_id", "name", "host", "port", "use_tls", "username", "tls_fingerprint",
            "encoding", "created_at", "updated_at"], ignoreOrder: true);
        data.GetProperty("port").GetInt32().ShouldBe(8728);
        body.ToString().ShouldNotContain("router-secret");
    }

    [Fact]
    public async Task Register_PasswordIsEncryptedAtRest()
    {
        var (_, body) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("core-enc"));
        var id = body.GetProperty("data").GetProperty("router_id").GetInt32();
        await using var db = app.Db();
        var stored = (await db.Routers.SingleAsync(r => r.Id == id)).PasswordProtected;
        stored.ShouldNotContain("router-secret");
        stored.Length.ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task Register_WithTls_DefaultsTo8729()
    {
        var (_, body) = await app.AdminAsync(HttpMethod.Post, "/routers",
            new { name = "tls-1", host = "edge.example.net", use_tls = true, username = "api", password = "x" });
        body.GetProperty("data").GetProperty("port").GetInt32().ShouldBe(8729);
    }

    [Fact]
    public async Task Register_InvalidFields_Returns400NamingThem()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/routers",
            new { name = "", host = "not a host!", port = 70000, username = "api", password = "x", encoding = "klingon" });
        status.ShouldBe(400);
        body.ErrorNames().ShouldBe(["name", "host", "port", "encoding"], ignoreOrder: true);
    }

    [Fact]
    public async Task Register_DuplicateName_Returns409()
    {
        await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("dup-router"));
        var (status, _) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("dup-router"));
        status.ShouldBe(409);
    }

    [Fact]
    public async Task Register_ByOperator_Returns403()
    {
        var token = await app.OperatorTokenAsync("router-op");
        var response = await app.PostAsync("/routers", NewRouter("op-router"), token);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ListAndGet_ReturnRegisteredRouter()
    {
        var (_, created) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("listed"));
        var id = created.GetProperty("data").GetProperty("router_id").GetInt32();

        var (listStatus, list) = await app.AdminAsync(HttpMethod.Get, "/routers");
        listStatus.ShouldBe(200);
        list.GetProperty("data").EnumerateArray().ShouldContain(r => r.GetProperty("router_id").GetInt32() == id);

        var (getStatus, one) = await app.AdminAsync(HttpMethod.Get, $"/routers/{id}");
        getStatus.ShouldBe(200);
        one.GetProperty("data").GetProperty("name").GetString().ShouldBe("listed");
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Get, "/routers/999999");
        status.ShouldBe(404);
        body.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Update_WithoutPassword_KeepsStoredPassword()
    {
        var (_, created) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("to-update"));
        var id = created.GetProperty("data").GetProperty("router_id").GetInt32();
        await using var before = app.Db();
        var oldCipher = (await before.Routers.SingleAsync(r => r.Id == id)).PasswordProtected;

        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/routers/{id}", new { host = "10.9.9.9", port = 8000 });

        status.ShouldBe(200);
        body.GetProperty("data").GetProperty("host").GetString().ShouldBe("10.9.9.9");
        await using var after = app.Db();
        (await after.Routers.SingleAsync(r => r.Id == id)).PasswordProtected.ShouldBe(oldCipher);
    }

    [Fact]
    public async Task Update_UnknownId_Returns404()
    {
        var (status, _) = await app.AdminAsync(HttpMethod.Put, "/routers/999999", new { host = "10.9.9.9" });
        status.ShouldBe(404);
    }

    [Fact]
    public async Task Delete_RouterWithClients_Returns409AndKeepsIt()
    {
        var (_, created) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("busy"));
        var id = created.GetProperty("data").GetProperty("router_id").GetInt32();
        await app.AdminAsync(HttpMethod.Post, "/client/register", new
        {
            name = "Busy Client", phone_number = "081200000001", address = "Jl. Busy 1", ppp_secret_name = "busy-1",
            ppp_password = "pw-1", router_id = id,
        });

        var (status, _) = await app.AdminAsync(HttpMethod.Delete, $"/routers/{id}");

        status.ShouldBe(409);
        await using var db = app.Db();
        (await db.Routers.AnyAsync(r => r.Id == id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_UnusedRouter_RemovesIt()
    {
        var (_, created) = await app.AdminAsync(HttpMethod.Post, "/routers", NewRouter("idle"));
        var id = created.GetProperty("data").GetProperty("router_id").GetInt32();

        (await app.AdminAsync(HttpMethod.Delete, $"/routers/{id}")).Status.ShouldBe(200);
        (await app.AdminAsync(HttpMethod.Get, $"/routers/{id}")).Status.ShouldBe(404);
        (await app.AdminAsync(HttpMethod.Delete, $"/routers/{id}")).Status.ShouldBe(404);
    }
}
