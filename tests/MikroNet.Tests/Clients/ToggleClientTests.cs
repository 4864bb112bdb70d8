using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ToggleClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Disable_QueuesSyncAndKick_ThenEnableQueuesSync()
    {
        var router = await app.Api.AddRouterAsync("toggle-router");
        var id = await app.Api.AddClientAsync(router, "toggler");

        var disabled = await app.Api.DisableClientAsync(id);
        disabled.Status.ShouldBe(200);
        disabled.Data.Status.ShouldBe("disabled");

        var enabled = await app.Api.EnableClientAsync(id);
        enabled.Status.ShouldBe(200);
        enabled.Data.Status.ShouldBe("active");

        (await app.CommandsOfAsync(id)).Select(c => c.Kind)
            .ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.SyncSecret, RouterCommandKind.KickSession,
                RouterCommandKind.SyncSecret]);
        await using var db = app.Db();
        (await db.AuditEntries.Where(a => a.EntityType == "client" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync())
            .ShouldBe(["client.registered", "client.disabled", "client.enabled"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    public async Task Toggle_UnknownClient_Returns404(string action)
    {
        var response = action == "enable" ? await app.Api.EnableClientAsync(999999) : await app.Api.DisableClientAsync(999999);
        response.Status.ShouldBe(404);
    }
}
