using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class DeleteClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Delete_ExistingClient_HidesItAndQueuesRemovalAndKick()
    {
        var router = await app.Api.AddRouterAsync("del-router");
        var id = await app.Api.AddClientAsync(router, "leaving");

        var response = await app.Api.DeleteClientAsync(id);

        response.Status.ShouldBe(200);
        response.Body.Message.ShouldBe("Client deleted successfully");
        (await app.Api.ClientDetailsAsync(id)).Status.ShouldBe(404);
        (await app.Api.DeleteClientAsync(id)).Status.ShouldBe(404);
        await using var db = app.Db();
        (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == id)).DeletedAt.ShouldNotBeNull();
        (await app.CommandsOfAsync(id)).Select(c => c.Kind)
            .ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.RemoveSecret, RouterCommandKind.KickSession]);
    }

    [Fact]
    public async Task Delete_ThenRegisterSameSecret_IsAllowed()
    {
        var router = await app.Api.AddRouterAsync("reuse-router");
        var id = await app.Api.AddClientAsync(router, "reused");
        await app.Api.DeleteClientAsync(id);

        var response = await app.Api.RegisterClientAsync(Api.NewClient(router, "reused"));

        response.Status.ShouldBe(201);
    }
}
