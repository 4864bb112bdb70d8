using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class UpdateClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Update_SomeFields_ChangesOnlyThoseAndQueuesSync()
    {
        var router = await app.RouterAsync("upd-router");
        var id = await app.RegisterClientAsync(router, "upd-1");

        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { address = "Jl. Baru 2" });

        status.ShouldBe(200);
        var data = body.GetProperty("data");
        data.GetProperty("address").GetString().ShouldBe("Jl. Baru 2");
        data.GetProperty("name").GetString().ShouldBe("Budi Santoso");
        await using var db = app.Db();
        (await db.RouterCommands.Where(c => c.ClientId == id).OrderBy(c => c.Id).Select(c => c.Kind).ToListAsync())
            .ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.SyncSecret]);
    }

    [Fact]
    public async Task Update_NewSecretName_RemovesOldSecretAndKicksItsSessionBeforeSyncingNew()
    {
        var router = await app.RouterAsync("rename-router");
        var id = await app.RegisterClientAsync(router, "old-name");

        var (status, _) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { ppp_secret_name = "new-name" });

        status.ShouldBe(200);
        await using var db = app.Db();
        var commands = await db.RouterCommands.Where(c => c.ClientId == id).OrderBy(c => c.Id).ToListAsync();
        commands.Select(c => c.Kind).ShouldBe(
            [RouterCommandKind.SyncSecret, RouterCommandKind.RemoveSecret, RouterCommandKind.KickSession,
                RouterCommandKind.SyncSecret]);
        commands[1].Payload.ShouldContain("old-name");
        commands[2].Payload.ShouldContain("old-name");
        commands[3].Payload.ShouldContain("new-name");
    }

    [Fact]
    public async Task Update_SecretNameTakenOnRouter_Returns409AndChangesNothing()
    {
        var router = await app.RouterAsync("taken-router");
        await app.RegisterClientAsync(router, "taken");
        var id = await app.RegisterClientAsync(router, "mine");

        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}",
            new { ppp_secret_name = "taken", name = "Should Not Stick" });

        status.ShouldBe(409);
        body.ErrorNames().ShouldBe(["ppp_secret_name"]);
        await using var db = app.Db();
        (await db.Clients.SingleAsync(c => c.Id == id)).Name.ShouldBe("Budi Santoso");
        (await db.RouterCommands.CountAsync(c => c.ClientId == id)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_InvalidPhone_Returns400()
    {
        var router = await app.RouterAsync("phone-router");
        var id = await app.RegisterClientAsync(router, "phone");
        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { phone_number = "abc" });
        status.ShouldBe(400);
        body.ErrorNames().ShouldBe(["phone_number"]);
    }

    [Fact]
    public async Task Update_UnknownClient_Returns404()
    {
        var (status, _) = await app.AdminAsync(HttpMethod.Put, "/client/update/999999", new { name = "Nobody" });
        status.ShouldBe(404);
    }

    [Fact]
    public async Task Update_UnknownRouter_Returns422()
    {
        var router = await app.RouterAsync("move-router");
        var id = await app.RegisterClientAsync(router, "mover");
        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { router_id = 999999 });
        status.ShouldBe(422);
        body.ErrorNames().ShouldBe(["router_id"]);
    }

    [Fact]
    public async Task Update_PlanWithOtherPeriodLength_Returns409ButSameLengthIsAllowed()
    {
        var router = await app.RouterAsync("plan-change-router");
        var monthly = await PlanAsync("Monthly 10M", 1);
        var monthlyFaster = await PlanAsync("Monthly 20M", 1);
        var quarterly = await PlanAsync("Quarterly 10M", 3);
        var request = ClientApi.ValidClient(router, "plan-changer");
        request["plan_id"] = monthly;
        var (_, created) = await app.AdminAsync(HttpMethod.Post, "/client/register", request);
        var id = created.GetProperty("data").GetProperty("client_id").GetInt32();

        var (refused, body) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { plan_id = quarterly });
        var (allowed, _) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { plan_id = monthlyFaster });

        refused.ShouldBe(409);
        body.ErrorNames().ShouldBe(["plan_id"]);
        allowed.ShouldBe(200);
    }

    private async Task<int> PlanAsync(string name, int months)
    {
        var (_, body) = await app.AdminAsync(HttpMethod.Post, "/plans",
            new { name, price = 150000, period_months = months, ppp_profile = "p" + months });
        return body.GetProperty("data").GetProperty("plan_id").GetInt32();
    }
}
