using System.Diagnostics;
using MikroNet.Features.Provisioning.Reconcile;
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
        foreach (var name in names) await app.Api.AddClientAsync(routerId, name, password: "pass-" + name);
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        await using (var router = await RouterShapes.ConnectAsync(emulator))
        {
            foreach (var name in names.Take(3)) await router.RemoveAsync("/ppp/secret", emulator.FindSecret(name)!.Id);
            await router.SetAsync("/ppp/secret", emulator.FindSecret("drop-6")!.Id, [new("password", "changed")]);
        }

        emulator.Options.DropAfterSentences = 4;
        var reports = new List<ReconcileReport>();
        for (var i = 0; i < 10; i++)
        {
            var response = await app.Api.ReconcileAsync(routerId);
            response.Status.ShouldBe(200, $"reconcile {i + 1}: {response.Text}");
            reports.Add(response.Data);
        }

        reports[^1].Changes.ShouldBeEmpty(string.Join("; ", reports[^1].Changes));
        foreach (var name in names) emulator.FindSecret(name)!.Password.ShouldBe("pass-" + name);
    }

    [Fact]
    public async Task Reconcile_PooledConnectionDroppedWhileIdle_Answers200EveryTime()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "idle-drop");
        await using var _ = emulator;
        await app.Api.AddClientAsync(routerId, "idle-1");
        await RouterShapes.WaitForOutboxAsync(app, routerId);

        for (var i = 0; i < 3; i++)
        {
            emulator.DropAllConnections();
            (await app.Api.ReconcileAsync(routerId)).Expect(200);
        }
    }

    [Fact]
    public async Task Reconcile_RouterDown_Answers502Quickly()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "really-down");
        await using var _ = emulator;
        await app.Api.AddClientAsync(routerId, "down-1");
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        await emulator.StopAsync();

        var watch = Stopwatch.StartNew();
        var response = await app.Api.ReconcileAsync(routerId);

        response.Status.ShouldBe(502, response.Text);
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

        var response = await app.Api.CheckRouterAsync(routerId);
        await dropWhileResourceRuns;

        response.Data.Reachable.ShouldBeTrue(response.Text);
        emulator.ConnectionsAccepted.ShouldBe(2);
    }

    [Fact]
    public async Task Check_EveryConnectionDroppedAtFirstCommand_ReportsUnreachableQuickly()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "check-broken");
        await using var _ = emulator;
        emulator.Options.DropAfterSentences = 2;

        var watch = Stopwatch.StartNew();
        var response = await app.Api.CheckRouterAsync(routerId);

        response.Data.Problem.ShouldBe("unreachable", response.Text);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        emulator.ConnectionsAccepted.ShouldBe(2);
    }
}
