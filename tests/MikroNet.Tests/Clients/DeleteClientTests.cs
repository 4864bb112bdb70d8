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
        var router = await app.RouterAsync("del-router");
        var id = await app.RegisterClientAsync(router, "leaving");

        var (status, body) = await app.AdminAsync(HttpMethod.Delete, $"/client/delete/{id}");

        status.ShouldBe(200);
        body.GetProperty("message").GetString().ShouldBe("Client deleted successfully");
        (await app.AdminAsync(HttpMethod.Get, $"/client/{id}/details")).Status.ShouldBe(404);
        (await app.AdminAsync(HttpMethod.Delete, $"/client/delete/{id}")).Status.ShouldBe(404);
        await using var db = app.Db();
        (await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == id)).DeletedAt.ShouldNotBeNull();
        (await db.RouterCommands.Where(c => c.ClientId == id).OrderBy(c => c.Id).Select(c => c.Kind).ToListAsync())
            .ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.RemoveSecret, RouterCommandKind.KickSession]);
    }

    [Fact]
    public async Task Delete_ThenRegisterSameSecret_IsAllowed()
    {
        var router = await app.RouterAsync("reuse-router");
        var id = await app.RegisterClientAsync(router, "reused");
        await app.AdminAsync(HttpMethod.Delete, $"/client/delete/{id}");

        var (status, _) = await app.AdminAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(router, "reused"));

        status.ShouldBe(201);
    }
}
