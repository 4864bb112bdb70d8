using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using RegisterRouter = MikroNet.Features.Routers.RegisterRouter;
using UpdateRouter = MikroNet.Features.Routers.UpdateRouter;

namespace MikroNet.Tests.Routers;

public sealed class RoutersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static RegisterRouter.Request NewRouter(string name) =>
        new() { Name = name, Host = "10.0.0.1", Username = "api", Password = "router-secret" };

    [Fact]
    public async Task Register_ValidRouter_Returns201WithoutPassword()
    {
        var response = await app.Api.RegisterRouterAsync(NewRouter("core-1"));
        response.Status.ShouldBe(201);
        response.PropertyNames("data").ShouldBe(["router_id", "name", "host", "port", "use_tls", "username", "tls_fingerprint",
            "encoding", "created_at", "updated_at"], ignoreOrder: true);
        response.Data.Port.ShouldBe(8728);
        response.Text.ShouldNotContain("router-secret");
    }

    [Fact]
    public async Task Register_PasswordIsEncryptedAtRest()
    {
        var id = await app.Api.AddRouterAsync(NewRouter("core-enc"));
        await using var db = app.Db();
        var stored = (await db.Routers.SingleAsync(r => r.Id == id)).PasswordProtected;
        stored.ShouldNotContain("router-secret");
        stored.Length.ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task Register_WithTls_DefaultsTo8729()
    {
        var response = await app.Api.RegisterRouterAsync(
            new RegisterRouter.Request { Name = "tls-1", Host = "edge.example.net", UseTls = true, Username = "api", Password = "x" });
        response.Data.Port.ShouldBe(8729);
    }

    [Fact]
    public async Task Register_InvalidFields_Returns400NamingThem()
    {
        var response = await app.Api.RegisterRouterAsync(new RegisterRouter.Request
        {
            Name = "", Host = "not a host!", Port = 70000, Username = "api", Password = "x", Encoding = "klingon",
        });
        response.Status.ShouldBe(400);
        response.Problem.ErrorNames.ShouldBe(["name", "host", "port", "encoding"], ignoreOrder: true);
    }

    [Fact]
    public async Task Register_DuplicateName_Returns409()
    {
        await app.Api.RegisterRouterAsync(NewRouter("dup-router"));
        (await app.Api.RegisterRouterAsync(NewRouter("dup-router"))).Status.ShouldBe(409);
    }

    [Fact]
    public async Task Register_ByOperator_Returns403()
    {
        var token = await app.Api.OperatorTokenAsync("router-op");
        var response = await app.Api.As(token).RegisterRouterAsync(NewRouter("op-router"));
        response.Status.ShouldBe(403);
        response.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ListAndGet_ReturnRegisteredRouter()
    {
        var id = await app.Api.AddRouterAsync(NewRouter("listed"));

        var list = await app.Api.ListRoutersAsync();
        list.Status.ShouldBe(200);
        list.Data.ShouldContain(r => r.RouterId == id);

        var one = await app.Api.GetRouterAsync(id);
        one.Status.ShouldBe(200);
        one.Data.Name.ShouldBe("listed");
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var response = await app.Api.GetRouterAsync(999999);
        response.Status.ShouldBe(404);
        response.Problem.Status.ShouldBe(404);
    }

    [Fact]
    public async Task Update_WithoutPassword_KeepsStoredPassword()
    {
        var id = await app.Api.AddRouterAsync(NewRouter("to-update"));
        await using var before = app.Db();
        var oldCipher = (await before.Routers.SingleAsync(r => r.Id == id)).PasswordProtected;

        var response = await app.Api.UpdateRouterAsync(id, new UpdateRouter.Request { Host = "10.9.9.9", Port = 8000 });

        response.Status.ShouldBe(200);
        response.Data.Host.ShouldBe("10.9.9.9");
        await using var after = app.Db();
        (await after.Routers.SingleAsync(r => r.Id == id)).PasswordProtected.ShouldBe(oldCipher);
    }

    [Fact]
    public async Task Update_UnknownId_Returns404()
    {
        (await app.Api.UpdateRouterAsync(999999, new UpdateRouter.Request { Host = "10.9.9.9" })).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Delete_RouterWithClients_Returns409AndKeepsIt()
    {
        var id = await app.Api.AddRouterAsync(NewRouter("busy"));
        await app.Api.AddClientAsync(id, "busy-1");

        (await app.Api.DeleteRouterAsync(id)).Status.ShouldBe(409);

        await using var db = app.Db();
        (await db.Routers.AnyAsync(r => r.Id == id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_UnusedRouter_RemovesIt()
    {
        var id = await app.Api.AddRouterAsync(NewRouter("idle"));

        (await app.Api.DeleteRouterAsync(id)).Status.ShouldBe(200);
        (await app.Api.GetRouterAsync(id)).Status.ShouldBe(404);
        (await app.Api.DeleteRouterAsync(id)).Status.ShouldBe(404);
    }
}
