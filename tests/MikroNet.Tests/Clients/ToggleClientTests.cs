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
        var router = await app.RouterAsync("toggle-router");
        var id = await app.RegisterClientAsync(router, "toggler");

        var (disabled, off) = await app.AdminAsync(HttpMethod.Post, $"/client/{id}/disable");
        disabled.ShouldBe(200);
        off.GetProperty("data").GetProperty("status").GetString().ShouldBe("disabled");

        var (enabled, on) = await app.AdminAsync(HttpMethod.Post, $"/client/{id}/enable");
        enabled.ShouldBe(200);
        on.GetProperty("data").GetProperty("status").GetString().ShouldBe("active");

        await using var db = app.Db();
        (await db.RouterCommands.Where(c => c.ClientId == id).OrderBy(c => c.Id).Select(c => c.Kind).ToListAsync())
            .ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.SyncSecret, RouterCommandKind.KickSession,
                RouterCommandKind.SyncSecret]);
        (await db.AuditEntries.Where(a => a.EntityType == "client" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync())
            .ShouldBe(["client.registered", "client.disabled", "client.enabled"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    public async Task Toggle_UnknownClient_Returns404(string action)
    {
        var (status, _) = await app.AdminAsync(HttpMethod.Post, $"/client/999999/{action}");
        status.ShouldBe(404);
    }
}
