using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Outbox;
using MikroNet.RouterOs;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>Reconcile and check survive a dropped connection by reconnecting once; a router that is down still fails fast.</summary>
public sealed class ReconcileReconnectTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task Reconcile_EmulatorDropsEveryFourSentences_TenReconcilesAnswer200AndConverge()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "dropping");
        await using var _ = emulator;
        var names = Enumerable.Range(1, 6).Select(i => $"drop-{i}").ToList();
        foreach (var name in names) await app.RegisterClientAsync(routerId, name, "pass-" + name);
        await WaitForOutboxAsync(routerId);
        await using (var router = await ConnectAsync(emulator))
        {
            foreach (var name in names.Take(3)) await router.RemoveAsync("/ppp/secret", emulator.FindSecret(name)!.Id);
            await router.SetAsync("/ppp/secret", emulator.FindSecret("drop-6")!.Id, [new("password", "changed")]);
        }

        emulator.Options.DropAfterSentences = 4;
        var reports = new List<JsonElement>();
        for (var i = 0; i < 10; i++)
        {
            var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
            status.ShouldBe(200, $"reconcile {i + 1}: {body}");
            reports.Add(body.GetProperty("data"));
        }

        reports[^1].GetProperty("changes").GetArrayLength().ShouldBe(0, reports[^1].ToString());
        foreach (var name in names) emulator.FindSecret(name)!.Password.ShouldBe("pass-" + name);
        emulator.Options.DropAfterSentences = null;
    }

    [Fact]
    public async Task Reconcile_PooledConnectionDroppedWhileIdle_Answers200EveryTime()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "idle-drop");
        await using var _ = emulator;
        await app.RegisterClientAsync(routerId, "idle-1");
        await WaitForOutboxAsync(routerId);

        for (var i = 0; i < 3; i++)
        {
            emulator.DropAllConnections();
            var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
            status.ShouldBe(200, body.ToString());
        }
    }

    [Fact]
    public async Task Reconcile_RouterDown_Answers502Quickly()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "really-down");
        await using var _ = emulator;
        await app.RegisterClientAsync(routerId, "down-1");
        await WaitForOutboxAsync(routerId);
        await emulator.StopAsync();

        var watch = Stopwatch.StartNew();
        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");

        status.ShouldBe(502, body.ToString());
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Check_ConnectionDroppedMidCommand_ReconnectsOnceAndReportsReachable()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "check-drop");
        await using var _ = emulator;
        emulator.Options.CommandDelays["/system/resource/print"] = TimeSpan.FromMilliseconds(300);
        var dropWhileResourceRuns = Task.Run(async () =>
        {
            await ProvisioningFixture.EventuallyAsync(() => emulator.CountOf("/system/resource/print") > 0,
                TimeSpan.FromSeconds(10), "the check asked for the resource");
            emulator.DropAllConnections();
        });

        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/check");
        await dropWhileResourceRuns;

        status.ShouldBe(200, body.ToString());
        body.GetProperty("data").GetProperty("reachable").GetBoolean().ShouldBeTrue(body.ToString());
        emulator.ConnectionsAccepted.ShouldBe(2);
    }

    [Fact]
    public async Task Check_EveryConnectionDroppedAtFirstCommand_ReportsUnreachableQuickly()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "check-broken");
        await using var _ = emulator;
        emulator.Options.DropAfterSentences = 2;

        var watch = Stopwatch.StartNew();
        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/check");

        status.ShouldBe(200, body.ToString());
        body.GetProperty("data").GetProperty("problem").GetString().ShouldBe("unreachable");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        emulator.ConnectionsAccepted.ShouldBe(2);
    }

    private async Task WaitForOutboxAsync(int routerId) =>
        await ProvisioningFixture.EventuallyAsync(async () =>
        {
            await using var db = app.Db();
            return !await db.RouterCommands.AnyAsync(c => c.RouterId == routerId && c.Status == OutboxStatus.Pending);
        }, TimeSpan.FromSeconds(10), "the outbox delivered everything for the router");

    private static Task<RouterOsConnection> ConnectAsync(RouterOsEmulator.RouterOsEmulator emulator) =>
        RouterOsConnection.ConnectAsync(new RouterEndpoint("127.0.0.1", emulator.Port, false,
            ProvisioningFixture.RouterUser, ProvisioningFixture.RouterPassword));
}
