using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using RegisterClient = MikroNet.Features.Clients.RegisterClient;

namespace MikroNet.Tests.Clients;

public sealed class RegisterClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_ValidClient_Returns201AndQueuesSecret()
    {
        var router = await app.Api.AddRouterAsync("reg-router");

        var response = await app.Api.RegisterClientAsync(Api.NewClient(router, "budi"));

        response.Status.ShouldBe(201);
        response.Body.Message.ShouldBe("Client registered successfully");
        response.PropertyNames("data").ShouldInclude("client_id", "name", "phone_number", "address", "ppp_secret_name",
            "router_id", "status", "provisioning");
        response.Data.PhoneNumber.ShouldBe("+6281234567890");
        response.Data.Provisioning.State.ShouldBe("pending");
        response.Text.ShouldNotContain("ppp-pass-1");

        var id = response.Data.ClientId;
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

        var response = await app.Api.RegisterClientAsync(new RegisterClient.Request());

        response.Status.ShouldBe(400);
        response.Problem.ErrorNames.ShouldBe(["name", "phone_number", "address", "ppp_secret_name", "ppp_password", "router_id"],
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
        var router = await app.Api.AddRouterAsync("invalid-" + Guid.NewGuid().ToString("N")[..6]);
        var request = Api.NewClient(router, "valid-secret");
        switch (field)
        {
            case "phone_number": request.PhoneNumber = value; break;
            case "ppp_secret_name": request.PppSecretName = value; break;
            default: request.Name = value; break;
        }

        var response = await app.Api.RegisterClientAsync(request);

        response.Status.ShouldBe(400);
        response.Problem.ErrorNames.ShouldBe([field]);
    }

    [Fact]
    public async Task Register_MalformedJson_Returns400()
    {
        var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await app.Api.SendAsync(HttpMethod.Post, "/client/register", content);
        response.Status.ShouldBe(400);
        response.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Register_UnknownRouter_Returns422AndWritesNothing()
    {
        var response = await app.Api.RegisterClientAsync(Api.NewClient(999999, "ghost"));
        response.Status.ShouldBe(422);
        response.Problem.ErrorNames.ShouldBe(["router_id"]);
        await using var db = app.Db();
        (await db.Clients.AnyAsync(c => c.PppSecretName == "ghost")).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_UnknownPlan_Returns422()
    {
        var router = await app.Api.AddRouterAsync("plan-router");
        var request = Api.NewClient(router, "planned");
        request.PlanId = 999999;
        var response = await app.Api.RegisterClientAsync(request);
        response.Status.ShouldBe(422);
        response.Problem.ErrorNames.ShouldBe(["plan_id"]);
    }

    [Fact]
    public async Task Register_DuplicateSecretOnSameRouter_Returns409()
    {
        var router = await app.Api.AddRouterAsync("dup-router");
        await app.Api.AddClientAsync(router, "twin");

        var response = await app.Api.RegisterClientAsync(Api.NewClient(router, "twin"));

        response.Status.ShouldBe(409);
        response.Problem.ErrorNames.ShouldBe(["ppp_secret_name"]);
        await using var db = app.Db();
        (await db.Clients.CountAsync(c => c.PppSecretName == "twin")).ShouldBe(1);
    }

    [Fact]
    public async Task Register_SameSecretOnAnotherRouter_IsAllowed()
    {
        var first = await app.Api.AddRouterAsync("site-a");
        var second = await app.Api.AddRouterAsync("site-b");
        await app.Api.AddClientAsync(first, "shared-name");

        var response = await app.Api.RegisterClientAsync(Api.NewClient(second, "shared-name"));

        response.Status.ShouldBe(201);
    }

    [Fact]
    public async Task Register_ConcurrentDuplicates_OneWinsOthersGet409()
    {
        var router = await app.Api.AddRouterAsync("race-router");
        await app.Api.AdminTokenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            app.Api.RegisterClientAsync(Api.NewClient(router, "racer"))));

        responses.Count(r => r.Status == 201).ShouldBe(1);
        responses.Count(r => r.Status == 409).ShouldBe(5);
        await using var db = app.Db();
        (await db.Clients.CountAsync(c => c.PppSecretName == "racer")).ShouldBe(1);
        (await db.RouterCommands.CountAsync(c => c.Client!.PppSecretName == "racer")).ShouldBe(1);
    }

    [Fact]
    public async Task Register_WithoutToken_Returns401()
    {
        var response = await app.Api.Anonymous.RegisterClientAsync(Api.NewClient(1, "anon"));
        response.Status.ShouldBe(401);
    }
}
