using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;

namespace MikroNet.Tests.Clients;

public sealed class UpdateClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Update_SomeFields_ChangesOnlyThoseAndQueuesSync()
    {
        var router = await app.Api.AddRouterAsync("upd-router");
        var id = await app.Api.AddClientAsync(router, "upd-1");

        var response = await app.Api.UpdateClientAsync(id, new UpdateClient.Request { Address = "Jl. Baru 2" });

        response.Status.ShouldBe(200);
        response.Data.Address.ShouldBe("Jl. Baru 2");
        response.Data.Name.ShouldBe("Budi Santoso");
        (await app.CommandsOfAsync(id)).Select(c => c.Kind).ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.SyncSecret]);
    }

    [Fact]
    public async Task Update_NewSecretName_RemovesOldSecretAndKicksItsSessionBeforeSyncingNew()
    {
        var router = await app.Api.AddRouterAsync("rename-router");
        var id = await app.Api.AddClientAsync(router, "old-name");

        var response = await app.Api.UpdateClientAsync(id, new UpdateClient.Request { PppSecretName = "new-name" });

        response.Status.ShouldBe(200);
        var commands = await app.CommandsOfAsync(id);
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
        var router = await app.Api.AddRouterAsync("taken-router");
        await app.Api.AddClientAsync(router, "taken");
        var id = await app.Api.AddClientAsync(router, "mine");

        var response = await app.Api.UpdateClientAsync(id,
            new UpdateClient.Request { PppSecretName = "taken", Name = "Should Not Stick" });

        response.Status.ShouldBe(409);
        response.Problem.ErrorNames.ShouldBe(["ppp_secret_name"]);
        await using var db = app.Db();
        (await db.Clients.SingleAsync(c => c.Id == id)).Name.ShouldBe("Budi Santoso");
        (await db.RouterCommands.CountAsync(c => c.ClientId == id)).ShouldBe(1);
    }

    [Fact]
    public async Task Update_InvalidPhone_Returns400()
    {
        var router = await app.Api.AddRouterAsync("phone-router");
        var id = await app.Api.AddClientAsync(router, "phone");
        var response = await app.Api.UpdateClientAsync(id, new UpdateClient.Request { PhoneNumber = "abc" });
        response.Status.ShouldBe(400);
        response.Problem.ErrorNames.ShouldBe(["phone_number"]);
    }

    [Fact]
    public async Task Update_UnknownClient_Returns404()
    {
        (await app.Api.UpdateClientAsync(999999, new UpdateClient.Request { Name = "Nobody" })).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Update_UnknownRouter_Returns422()
    {
        var router = await app.Api.AddRouterAsync("move-router");
        var id = await app.Api.AddClientAsync(router, "mover");
        var response = await app.Api.UpdateClientAsync(id, new UpdateClient.Request { RouterId = 999999 });
        response.Status.ShouldBe(422);
        response.Problem.ErrorNames.ShouldBe(["router_id"]);
    }

    [Fact]
    public async Task Update_PlanWithOtherPeriodLength_Returns409ButSameLengthIsAllowed()
    {
        var router = await app.Api.AddRouterAsync("plan-change-router");
        var monthly = await PlanAsync("Monthly 10M", 1);
        var monthlyFaster = await PlanAsync("Monthly 20M", 1);
        var quarterly = await PlanAsync("Quarterly 10M", 3);
        var id = await app.Api.AddClientAsync(router, "plan-changer", monthly);

        var refused = await app.Api.UpdateClientAsync(id, new UpdateClient.Request { PlanId = quarterly });
        var allowed = await app.Api.UpdateClientAsync(id, new UpdateClient.Request { PlanId = monthlyFaster });

        refused.Status.ShouldBe(409);
        refused.Problem.ErrorNames.ShouldBe(["plan_id"]);
        allowed.Status.ShouldBe(200);
    }

    private async Task<int> PlanAsync(string name, int months)
    {
        var plan = Api.NewPlan(150_000m, months, name);
        plan.PppProfile = "p" + months;
        plan.RateLimit = null;
        return (await app.Api.CreatePlanAsync(plan)).Data.PlanId;
    }
}
