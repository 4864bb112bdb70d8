using System.Text.Json;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

public sealed class ReconcileTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task Reconcile_EachKindOfDrift_DryRunReportsOnlyThenRepairRepairsAll()
    {
        var routerId = await app.RegisterRouterAsync("drifting");
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "r-ok", "r-missing", "r-password", "r-disabled", "r-deleted", "r-hand", "r-isolated" })
            ids[name] = await app.RegisterClientAsync(routerId, name, "pass-" + name);
        await ProvisioningFixture.EventuallyAsync(() => ids.Keys.All(n => app.Emulator.FindSecret(n) is not null),
            TimeSpan.FromSeconds(5), "all secrets provisioned");
        (await app.AdminAsync(HttpMethod.Delete, $"/client/delete/{ids["r-deleted"]}")).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("r-deleted") is null,
            TimeSpan.FromSeconds(5), "deleted client's secret removed");
        app.Emulator.Connect("r-isolated");

        // Drift made behind MikroNet's back.
        await using (var router = await ConnectAsync())
        {
            await router.RemoveAsync("/ppp/secret", app.Emulator.FindSecret("r-missing")!.Id);
            await router.SetAsync("/ppp/secret", app.Emulator.FindSecret("r-password")!.Id, [new("password", "changed")]);
            await router.SetAsync("/ppp/secret", app.Emulator.FindSecret("r-disabled")!.Id, [new("disabled", "yes")]);
            await router.RemoveAsync("/ppp/secret", app.Emulator.FindSecret("r-hand")!.Id);
        }

        app.Emulator.AddSecret("r-hand", "typed-by-hand", service: "any");
        app.Emulator.AddSecret("r-deleted", "pass-r-deleted", comment: ids["r-deleted"].ToString());
        app.Emulator.AddSecret("office-ap", "x");
        app.Emulator.AddSecret("guest", "y", comment: "made by the NOC");
        await using (var db = app.Db())
        {
            // Billing isolates without the outbox here, so only reconcile can notice it.
            await db.Clients.Where(c => c.Id == ids["r-isolated"])
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsolatedAt, NodaTime.SystemClock.Instance.GetCurrentInstant()));
        }

        var before = Snapshot();
        var (status, dry) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile?dry_run=true");
        status.ShouldBe(200, dry.ToString());
        Snapshot().ShouldBe(before);
        var expected = new[]
        {
            ("add", "r-missing"), ("set", "r-password"), ("set", "r-disabled"), ("adopt", "r-hand"),
            ("set", "r-isolated"), ("kick", "r-isolated"), ("remove", "r-deleted"),
        };
        Changes(dry).ShouldBe(expected, ignoreOrder: true);
        dry.GetProperty("data").GetProperty("dry_run").GetBoolean().ShouldBeTrue();
        dry.GetProperty("data").GetProperty("unmanaged_secrets").GetInt32().ShouldBe(2);

        var (applyStatus, applied) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
        applyStatus.ShouldBe(200, applied.ToString());
        Changes(applied).ShouldBe(expected, ignoreOrder: true);
        applied.GetProperty("data").GetProperty("failed_changes").GetInt32().ShouldBe(0);

        app.Emulator.FindSecret("r-missing")!.Password.ShouldBe("pass-r-missing");
        app.Emulator.FindSecret("r-password")!.Password.ShouldBe("pass-r-password");
        app.Emulator.FindSecret("r-disabled")!.Disabled.ShouldBeFalse();
        var adopted = app.Emulator.FindSecret("r-hand")!;
        (adopted.Comment, adopted.Password).ShouldBe((ids["r-hand"].ToString(), "pass-r-hand"));
        app.Emulator.FindSecret("r-isolated")!.Disabled.ShouldBeTrue();
        app.Emulator.ActiveSessions.ShouldNotContain(a => a.Name == "r-isolated");
        app.Emulator.FindSecret("r-deleted").ShouldBeNull();
        app.Emulator.FindSecret("office-ap").ShouldNotBeNull();
        app.Emulator.FindSecret("guest").ShouldNotBeNull();

        var (_, again) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
        again.GetProperty("data").GetProperty("changes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Reconcile_UnknownRouter_Returns404()
    {
        (await app.AdminAsync(HttpMethod.Post, "/routers/999999/reconcile")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Reconcile_RouterDown_Returns502Problem()
    {
        var routerId = await app.RegisterRouterAsync("reconcile-down", password: "wrong-password");
        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
        status.ShouldBe(502, body.ToString());
    }

    private Task<RouterOsConnection> ConnectAsync() => RouterOsConnection.ConnectAsync(new RouterEndpoint(
        "127.0.0.1", app.Emulator.Port, false, ProvisioningFixture.RouterUser, ProvisioningFixture.RouterPassword));

    private string Snapshot() => string.Join("\n",
        app.Emulator.Secrets.Select(s => s.ToString()).Concat(app.Emulator.ActiveSessions.Select(a => a.ToString())));

    private static List<(string, string)> Changes(JsonElement body) =>
        body.GetProperty("data").GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("action").GetString()!, c.GetProperty("name").GetString()!)).ToList();
}
