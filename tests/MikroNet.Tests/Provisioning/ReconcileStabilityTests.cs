using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Provisioning.Reconcile;
using MikroNet.RouterOs;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;

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
        // Written straight to the database: no ensure_profile is queued, so the router lacks the profile.
        var planId = await app.InsertPlanAsync("Stable " + shape, "stable-" + shape);
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "s-plain", accented, "s-disabled", "s-isolated", "s-deleted", "s-hand" })
            ids[name] = await app.Api.AddClientAsync(routerId, name);
        ids["s-plan"] = await app.Api.AddClientAsync(routerId, "s-plan", planId: planId);
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        emulator.Connect("s-isolated");
        emulator.Connect("s-deleted");
        (await app.Api.DisableClientAsync(ids["s-disabled"])).Expect(200);
        (await app.Api.DeleteClientAsync(ids["s-deleted"])).Expect(200);
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        await using (var db = app.Db())
        {
            await db.Clients.Where(c => c.Id == ids["s-isolated"])
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsolatedAt, SystemClock.Instance.GetCurrentInstant()));
        }

        await using (var router = await RouterShapes.ConnectAsync(emulator))
        {
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("s-hand")!.Id);
            await router.SetAsync("/ppp/secret", emulator.FindSecret(accented)!.Id, [new("password", "changed")]);
        }

        emulator.AddSecret("s-hand", "typed-by-hand", service: "any");
        emulator.AddSecret("s-deleted", "x", comment: ids["s-deleted"].ToString());
        emulator.AddSecret("operator-ap", "x");
        emulator.Connect("operator-ap");

        var first = (await app.Api.ReconcileAsync(routerId)).Expect(200).Data;
        var second = (await app.Api.ReconcileAsync(routerId)).Expect(200).Data;

        first.Changes.ShouldNotBeEmpty();
        first.FailedChanges.ShouldBe(0, string.Join("; ", first.Changes));
        second.Changes.ShouldBeEmpty(string.Join("; ", second.Changes));
        emulator.FindSecret("s-plan")!.Profile.ShouldBe("stable-" + shape);
        emulator.ActiveSessions.Select(a => a.Name).ShouldBe(["operator-ap"]);
    }

    [Fact]
    public async Task Reconcile_SessionOfDeletedClientWhoseSecretIsGone_KicksItWithReason()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "stale-deleted");
        await using var _ = emulator;
        var id = await app.Api.AddClientAsync(routerId, "stale-del");
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        emulator.Connect("stale-del");
        await using (var router = await RouterShapes.ConnectAsync(emulator))
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("stale-del")!.Id);
        await using (var db = app.Db())
        {
            // Deleted behind the outbox's back, so only reconcile can end the session.
            await db.Clients.Where(c => c.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, SystemClock.Instance.GetCurrentInstant()));
        }

        var report = (await app.Api.ReconcileAsync(routerId)).Expect(200).Data;

        report.Changes.ShouldBe([new ReconcileChange("kick", "stale-del",
            $"client {id} was deleted; its secret is gone but a session is live", id)]);
        emulator.ActiveSessions.ShouldNotContain(a => a.Name == "stale-del");
        (await app.Api.ReconcileAsync(routerId)).Expect(200).Data.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reconcile_SessionUnderOldNameOfRenamedClient_KicksItAndLeavesUnmanagedSessions()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "stale-renamed");
        await using var _ = emulator;
        var id = await app.Api.AddClientAsync(routerId, "old-name");
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        (await app.Api.UpdateClientAsync(id, new UpdateClient.Request { PppSecretName = "new-name" })).Expect(200);
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        // A hand-made stale session: the old name dials in on a secret made by hand, which is then removed.
        emulator.AddSecret("old-name", "x");
        emulator.Connect("old-name");
        emulator.AddSecret("visitor", "x");
        emulator.Connect("visitor");
        await using (var router = await RouterShapes.ConnectAsync(emulator))
        {
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("old-name")!.Id);
            await router.RemoveAsync("/ppp/secret", emulator.FindSecret("visitor")!.Id);
        }

        var report = (await app.Api.ReconcileAsync(routerId)).Expect(200).Data;

        report.Changes.ShouldBe([new ReconcileChange("kick", "old-name",
            $"client {id} is now named new-name; its secret is gone but a session is live", id)]);
        emulator.ActiveSessions.Select(a => a.Name).ShouldBe(["visitor"]);
    }

    [Fact]
    public async Task Reconcile_DryRunWithStaleSession_ReportsKickAndKeepsSession()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "utf-8", "stale-dry");
        await using var _ = emulator;
        var id = await app.Api.AddClientAsync(routerId, "stale-dry-1");
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        (await app.Api.DisableClientAsync(id)).Expect(200);
        await RouterShapes.WaitForOutboxAsync(app, routerId);
        await using (var router = await RouterShapes.ConnectAsync(emulator))
            await router.SetAsync("/ppp/secret", emulator.FindSecret("stale-dry-1")!.Id, [new("disabled", "no")]);
        emulator.Connect("stale-dry-1");

        var report = (await app.Api.ReconcileAsync(routerId, dryRun: true)).Expect(200).Data;

        (string, string)[] expected = [("set", "stale-dry-1"), ("kick", "stale-dry-1")];
        report.Changes.Select(c => (c.Action, c.Name)).ShouldBe(expected, ignoreOrder: true);
        emulator.ActiveSessions.ShouldContain(a => a.Name == "stale-dry-1");
    }
}
