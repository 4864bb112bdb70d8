using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class RegisterClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_ValidClient_Returns201AndQueuesSecret()
    {
        var router = await app.RouterAsync("reg-router");

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(router, "budi"));

        status.ShouldBe(201);
        body.GetProperty("message").GetString().ShouldBe("Client registered successfully");
        var data = body.GetProperty("data");
        data.ShouldHaveProperties("client_id", "name", "phone_number", "address", "ppp_secret_name", "router_id", "status",
            "provisioning");
        data.GetProperty("phone_number").GetString().ShouldBe("+6281234567890");
        data.GetProperty("provisioning").GetProperty("state").GetString().ShouldBe("pending");
        body.ToString().ShouldNotContain("ppp-pass-1");

        var id = data.GetProperty("client_id").GetInt32();
        await using var db = app.Db();
        var command = await db.RouterCommands.SingleAsync(c => c.ClientId == id);
        command.Kind.ShouldBe(RouterCommandKind.SyncSecret);
        command.RouterId.ShouldBe(router);
        command.Payload.ShouldNotContain("ppp-pass-1");
        (await db.Clients.SingleAsync(c => c.Id == id)).PppPasswordProtected.ShouldNotContain("ppp-pass-1");
        (await db.AuditEntries.CountAsync(a => a.EntityType == "client" && a.EntityId == id.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Register_EmptyBody_Returns400NamingEveryRequiredFieldAndWritesNothing()
    {
        await using var before = app.Db();
        var clients = await before.Clients.IgnoreQueryFilters().CountAsync();
        var commands = await before.RouterCommands.CountAsync();

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", new { });

        status.ShouldBe(400);
        body.ErrorNames().ShouldBe(["name", "phone_number", "address", "ppp_secret_name", "ppp_password", "router_id"],
            ignoreOrder: true);
        await using var after = app.Db();
        (await after.Clients.IgnoreQueryFilters().CountAsync()).ShouldBe(clients);
        (await after.RouterCommands.CountAsync()).ShouldBe(commands);
    }

    [Theory]
    [InlineData("phone_number", "call me")]
    [InlineData("phone_number", "12345")]
    [InlineData("ppp_secret_name", "has space")]
    [InlineData("ppp_secret_name", "tab\tname")]
    [InlineData("ppp_secret_name", "0123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("name", "")]
    public async Task Register_InvalidField_Returns400NamingIt(string field, string value)
    {
        var router = await app.RouterAsync("invalid-" + Guid.NewGuid().ToString("N")[..6]);
        var request = ClientApi.ValidClient(router, "valid-secret");
        request[field] = value;

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", request);

        status.ShouldBe(400);
        body.ErrorNames().ShouldBe([field]);
    }

    [Fact]
    public async Task Register_MalformedJson_Returns400()
    {
        var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await app.SendAsync(HttpMethod.Post, "/client/register", content, await app.AdminTokenAsync());
        ((int)response.StatusCode).ShouldBe(400);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Register_UnknownRouter_Returns422AndWritesNothing()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(999999, "ghost"));
        status.ShouldBe(422);
        body.ErrorNames().ShouldBe(["router_id"]);
        await using var db = app.Db();
        (await db.Clients.AnyAsync(c => c.PppSecretName == "ghost")).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_UnknownPlan_Returns422()
    {
        var router = await app.RouterAsync("plan-router");
        var request = ClientApi.ValidClient(router, "planned");
        request["plan_id"] = 999999;
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", request);
        status.ShouldBe(422);
        body.ErrorNames().ShouldBe(["plan_id"]);
    }

    [Fact]
    public async Task Register_DuplicateSecretOnSameRouter_Returns409()
    {
        var router = await app.RouterAsync("dup-router");
        await app.RegisterClientAsync(router, "twin");

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(router, "twin"));

        status.ShouldBe(409);
        body.ErrorNames().ShouldBe(["ppp_secret_name"]);
        await using var db = app.Db();
        (await db.Clients.CountAsync(c => c.PppSecretName == "twin")).ShouldBe(1);
    }

    [Fact]
    public async Task Register_SameSecretOnAnotherRouter_IsAllowed()
    {
        var first = await app.RouterAsync("site-a");
        var second = await app.RouterAsync("site-b");
        await app.RegisterClientAsync(first, "shared-name");

        var (status, _) = await app.AdminAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(second, "shared-name"));

        status.ShouldBe(201);
    }

    [Fact]
    public async Task Register_ConcurrentDuplicates_OneWinsOthersGet409()
    {
        var router = await app.RouterAsync("race-router");
        var token = await app.AdminTokenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            app.PostAsync("/client/register", ClientApi.ValidClient(router, "racer"), token)));

        responses.Count(r => (int)r.StatusCode == 201).ShouldBe(1);
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(5);
        await using var db = app.Db();
        (await db.Clients.CountAsync(c => c.PppSecretName == "racer")).ShouldBe(1);
        (await db.RouterCommands.CountAsync(c => c.Client!.PppSecretName == "racer")).ShouldBe(1);
    }

    [Fact]
    public async Task Register_WithoutToken_Returns401()
    {
        var response = await app.PostAsync("/client/register", ClientApi.ValidClient(1, "anon"));
        ((int)response.StatusCode).ShouldBe(401);
    }
}
