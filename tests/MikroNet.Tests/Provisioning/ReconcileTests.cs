using MikroNet.Features.Provisioning.Reconcile;
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
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("drifting"));
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "r-ok", "r-missing", "r-password", "r-disabled", "r-deleted", "r-hand", "r-isolated" })
            ids[name] = await app.Api.AddClientAsync(routerId, name, password: "pass-" + name);
        await ProvisioningFixture.EventuallyAsync(() => ids.Keys.All(n => app.Emulator.FindSecret(n) is not null),
            TimeSpan.FromSeconds(5), "all secrets provisioned");
        (await app.Api.DeleteClientAsync(ids["r-deleted"])).Status.ShouldBe(200);
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
        var dry = (await app.Api.ReconcileAsync(routerId, dryRun: true)).Expect(200).Data;
        Snapshot().ShouldBe(before);
        var expected = new[]
        {
            ("add", "r-missing"), ("set", "r-password"), ("set", "r-disabled"), ("adopt", "r-hand"),
            ("set", "r-isolated"), ("kick", "r-isolated"), ("remove", "r-deleted"),
        };
        Changes(dry).ShouldBe(expected, ignoreOrder: true);
        dry.DryRun.ShouldBeTrue();
        dry.UnmanagedSecrets.ShouldBe(2);

        var applied = (await app.Api.ReconcileAsync(routerId)).Expect(200).Data;
        Changes(applied).ShouldBe(expected, ignoreOrder: true);
        applied.FailedChanges.ShouldBe(0);

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

        (await app.Api.ReconcileAsync(routerId)).Data.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Reconcile_UnknownRouter_Returns404()
    {
        (await app.Api.ReconcileAsync(999999)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Reconcile_RouterDown_Returns502Problem()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("reconcile-down", password: "wrong-password"));
        var response = await app.Api.ReconcileAsync(routerId);
        response.Status.ShouldBe(502, response.Text);
    }

    private Task<RouterOsConnection> ConnectAsync() => RouterOsConnection.ConnectAsync(new RouterEndpoint(
        "127.0.0.1", app.Emulator.Port, false, ProvisioningFixture.RouterUser, ProvisioningFixture.RouterPassword));

    private string Snapshot() => string.Join("\n",
        app.Emulator.Secrets.Select(s => s.ToString()).Concat(app.Emulator.ActiveSessions.Select(a => a.ToString())));

    private static List<(string, string)> Changes(ReconcileReport report) => [.. report.Changes.Select(c => (c.Action, c.Name))];
}
