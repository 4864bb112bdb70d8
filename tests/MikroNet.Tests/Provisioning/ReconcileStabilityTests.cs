using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Outbox;
using MikroNet.RouterOs;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>Reconcile leaves nothing for the next run, on every kind of router; stale sessions are kicked.</summary>
public sealed class ReconcileStabilityTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    public static TheoryData<string> Shapes => new(RouterShapes.All);

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Reconcile_TwiceAfterEveryKindOfDrift_SecondReportsNoChanges(string shape)
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, shape, "stable-" + shape);
        await using var _ = emulator;
        var accented = shape == "utf-8" ? "s-k用户" : "s-josé";
        var planId = await app.AddPlanAsync("Stable " + shape, "stable-" + shape);
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "s-plain", accented, "s-disabled", "s-isolated", "s-deleted", "s-hand" })
            ids[name] = await app.RegisterClientAsync(routerId, name);
        ids["s-plan"] = await app.RegisterClientAsync(routerId, "s-plan", planId: planId);
        await WaitForOutboxAsync(routerId);
        emulator.Connect("s-isolated");
        emulator.Connect("s-deleted");
        (await app.AdminAsync(HttpMethod.Post, $"/client/{ids["s-disabled"]}/disable")).Status.ShouldBe(200);
        (await app.AdminAsync(HttpMethod.Delete, $"/client/delete/{ids["s-deleted"]}")).Status.ShouldBe(200);
        await WaitForOutboxAsync(routerId);
        await using (var db = app.Db())
        {
            await db.Clients.Where(c => c.Id == ids["s-isolated"])
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsolatedAt, SystemClock.Instance.GetCurrentInstant()));
        }

        await using (var router = await ConnectAsync(emulator))
        {
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("s-hand")!.Id);
            await router.SetAsync("/ppp/secret", emulator.FindSecret(accented)!.Id, [new("password", "changed")]);
        }

        emulator.AddSecret("s-hand", "typed-by-hand", service: "any");
        emulator.AddSecret("s-deleted", "x", comment: ids["s-deleted"].ToString());
        emulator.AddSecret("operator-ap", "x");
        emulator.Connect("operator-ap");

        var first = await ReconcileAsync(routerId);
        var second = await ReconcileAsync(routerId);

        Changes(first).ShouldNotBeEmpty();
        first.GetProperty("failed_changes").GetInt32().ShouldBe(0, first.ToString());
        Changes(second).ShouldBeEmpty(second.ToString());
        emulator.FindSecret("s-plan")!.Profile.ShouldBe("stable-" + shape);
        emulator.ActiveSessions.Select(a => a.Name).ShouldBe(["operator-ap"]);
    }

    [Fact]
    public async Task Reconcile_SessionOfDeletedClientWhoseSecretIsGone_KicksItWithReason()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "stale-deleted");
        await using var _ = emulator;
        var id = await app.RegisterClientAsync(routerId, "stale-del");
        await WaitForOutboxAsync(routerId);
        emulator.Connect("stale-del");
        await using (var router = await ConnectAsync(emulator))
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("stale-del")!.Id);
        await using (var db = app.Db())
        {
            // Deleted behind the outbox's back, so only reconcile can end the session.
            await db.Clients.Where(c => c.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, SystemClock.Instance.GetCurrentInstant()));
        }

        var report = await ReconcileAsync(routerId);

        var kick = Change(report, "kick", "stale-del");
        kick.GetProperty("reason").GetString().ShouldBe($"client {id} was deleted; its secret is gone but a session is live");
        kick.GetProperty("client_id").GetInt32().ShouldBe(id);
        emulator.ActiveSessions.ShouldNotContain(a => a.Name == "stale-del");
        Changes(await ReconcileAsync(routerId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reconcile_SessionUnderOldNameOfRenamedClient_KicksItAndLeavesUnmanagedSessions()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "stale-renamed");
        await using var _ = emulator;
        var id = await app.RegisterClientAsync(routerId, "old-name");
        await WaitForOutboxAsync(routerId);
        (await app.AdminAsync(HttpMethod.Put, $"/client/update/{id}", new { ppp_secret_name = "new-name" })).Status.ShouldBe(200);
        await WaitForOutboxAsync(routerId);
        // A hand-made stale session: the old name dials in on a secret made by hand, which is then removed.
        emulator.AddSecret("old-name", "x");
        emulator.Connect("old-name");
        emulator.AddSecret("visitor", "x");
        emulator.Connect("visitor");
        await using (var router = await ConnectAsync(emulator))
        {
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("old-name")!.Id);
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("visitor")!.Id);
        }

        var report = await ReconcileAsync(routerId);

        Change(report, "kick", "old-name").GetProperty("reason").GetString()
            .ShouldBe($"client {id} is now named new-name; its secret is gone but a session is live");
        Changes(report).ShouldNotContain(c => c.Item2 == "visitor");
        emulator.ActiveSessions.Select(a => a.Name).ShouldBe(["visitor"]);
    }

    [Fact]
    public async Task Reconcile_DryRunWithStaleSession_ReportsKickAndKeepsSession()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "stale-dry");
        await using var _ = emulator;
        var id = await app.RegisterClientAsync(routerId, "stale-dry-1");
        await WaitForOutboxAsync(routerId);
        (await app.AdminAsync(HttpMethod.Post, $"/client/{id}/disable")).Status.ShouldBe(200);
        await WaitForOutboxAsync(routerId);
        await using (var router = await ConnectAsync(emulator))
            await router.SetAsync("/ppp/secret", emulator.FindSecret("stale-dry-1")!.Id, [new("disabled", "no")]);
        emulator.Connect("stale-dry-1");

        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile?dry_run=true");

        status.ShouldBe(200, body.ToString());
        (string, string)[] expected = [("set", "stale-dry-1"), ("kick", "stale-dry-1")];
        Changes(body.GetProperty("data")).ShouldBe(expected, ignoreOrder: true);
        emulator.ActiveSessions.ShouldContain(a => a.Name == "stale-dry-1");
    }

    private async Task<JsonElement> ReconcileAsync(int routerId)
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
        status.ShouldBe(200, body.ToString());
        return body.GetProperty("data");
    }

    private async Task WaitForOutboxAsync(int routerId) =>
        await ProvisioningFixture.EventuallyAsync(async () =>
        {
            await using var db = app.Db();
            return !await db.RouterCommands.AnyAsync(c => c.RouterId == routerId && c.Status == OutboxStatus.Pending);
        }, TimeSpan.FromSeconds(10), "the outbox delivered everything for the router");

    private static Task<RouterOsConnection> ConnectAsync(RouterOsEmulator.RouterOsEmulator emulator) =>
        RouterOsConnection.ConnectAsync(new RouterEndpoint("127.0.0.1", emulator.Port, emulator.Options.Tls,
            ProvisioningFixture.RouterUser, ProvisioningFixture.RouterPassword, emulator.CertificateFingerprint, emulator.Options.Encoding));

    private static List<(string, string)> Changes(JsonElement report) =>
        report.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("action").GetString()!, c.GetProperty("name").GetString()!)).ToList();

    private static JsonElement Change(JsonElement report, string action, string name) =>
        report.GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("action").GetString() == action && c.GetProperty("name").GetString() == name);
}
