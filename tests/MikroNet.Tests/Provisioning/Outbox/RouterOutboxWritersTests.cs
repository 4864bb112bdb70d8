using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;

namespace MikroNet.Tests.Provisioning.Outbox;

/// <summary>
/// Every writer of router_commands (the C# queue behind each endpoint, and the enforcement SQL) writes payloads
/// that the worker's codec reads, and the same JSON value the C# writer produces for the same message (jsonb itself
/// normalises spacing and key order).
/// </summary>
public sealed class RouterOutboxWritersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Rows_FromEveryWriterIncludingSql_ReadBackAsTheSameTypedJson()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        await app.Api.AddRouterAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        var other = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        (await app.Api.DisableClientAsync(other)).Status.ShouldBe(200);
        (await app.Api.UpdateClientAsync(other, new UpdateClient.Request { PppSecretName = "renamed-one" })).Status.ShouldBe(200);
        (await app.Api.DeleteClientAsync(other)).Status.ShouldBe(200);
        var beforeSql = await LastIdAsync();

        // Enforcement writes its rows in one SQL statement: isolation past the grace, then restore once nothing is overdue.
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8))).ClientsIsolated.ShouldBe(1);
        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE invoices SET status = 'void' WHERE client_id = {client}");
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 9))).ClientsRestored.ShouldBe(1);

        await using var check = app.Db();
        var rows = await check.RouterCommands.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var fromSql = rows.Where(r => r.Id > beforeSql).ToList();
        fromSql.Select(r => r.Kind).ShouldBe([RouterCommandKind.SyncSecret, RouterCommandKind.KickSession, RouterCommandKind.SyncSecret]);
        rows.Select(r => r.Kind).Distinct().Order().ShouldBe(Enum.GetValues<RouterCommandKind>());
        foreach (var row in rows)
        {
            var message = RouterMessageJson.Read(row.Kind, row.Payload);
            message.Kind.ShouldBe(row.Kind);
            JsonNode.DeepEquals(JsonNode.Parse(row.Payload), JsonNode.Parse(RouterMessageJson.Write(message)))
                .ShouldBeTrue($"row {row.Id} ({row.Kind}) holds {row.Payload}");
        }
    }

    /// <summary>Enforcement decides in set-based SQL; for both switches it writes what the C# decision would.</summary>
    [Fact]
    public async Task EnforcementSql_IsolateThenRestore_WritesWhatClientRouterChangesDecides()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        int[] clients =
        [
            await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25)),
            await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25)),
        ];
        (await app.Api.DisableClientAsync(clients[1])).Status.ShouldBe(200);

        var before = await StatesAsync(clients);
        var mark = await LastIdAsync();
        await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8));
        var isolated = await StatesAsync(clients);
        isolated.Values.ShouldAllBe(s => s.Isolated);
        await ShouldMatchDecisionAsync(clients, before, isolated, mark);

        await using (var db = app.Db())
            await db.Database.ExecuteSqlAsync($"UPDATE invoices SET status = 'void' WHERE client_id = ANY({clients})");
        mark = await LastIdAsync();
        await app.EnforceInProcessAsync(new LocalDate(2026, 12, 9));
        var restored = await StatesAsync(clients);
        restored.Values.ShouldAllBe(s => !s.Isolated);
        await ShouldMatchDecisionAsync(clients, isolated, restored, mark);
    }

    /// <summary>The cancellation and plan-switch SQL of enforcement also write what the C# decision would.</summary>
    [Fact]
    public async Task EnforcementSql_CancelAndPlanSwitch_WritesWhatClientRouterChangesDecides()
    {
        await using var travel = await app.TimeTravelAsync();
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        int[] clients =
        [
            await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25)),
            await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25)),
        ];
        foreach (var client in clients) await app.Api.PayAllAsync(client);
        (await app.Api.CancelClientAsync(clients[0], "end_of_period")).Expect(200);
        (await app.Api.ChangePlanAsync(clients[1], await app.Api.AddPlanAsync(120_000m), "next_period")).Expect(200);
        await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20));

        var before = await StatesAsync(clients);
        var mark = await LastIdAsync();
        var result = await app.EnforceInProcessAsync(new LocalDate(2026, 12, 25));
        result.CancelledClientIds.ShouldBe([clients[0]]);
        result.PlanSwitchedClientIds.ShouldBe([clients[1]]);
        await ShouldMatchDecisionAsync(clients, before, await StatesAsync(clients), mark);
    }

    private async Task ShouldMatchDecisionAsync(int[] clients, Dictionary<int, ClientRouterState> before,
        Dictionary<int, ClientRouterState> after, long afterId)
    {
        await using var db = app.Db();
        foreach (var id in clients)
        {
            var written = (await db.RouterCommands.AsNoTracking().Where(c => c.ClientId == id && c.Id > afterId)
                    .OrderBy(c => c.Id).ToListAsync())
                .Select(c => new RouterCommandFor(c.RouterId, RouterMessageJson.Read(c.Kind, c.Payload)));
            written.ShouldBe(ClientRouterChanges.For(before[id], after[id]), $"client {id}: {before[id]} -> {after[id]}");
        }
    }

    private async Task<Dictionary<int, ClientRouterState>> StatesAsync(int[] clients)
    {
        await using var db = app.Db();
        return (await db.Clients.AsNoTracking().Where(c => clients.Contains(c.Id)).ToListAsync())
            .ToDictionary(c => c.Id, ClientRouterState.Of);
    }

    [Theory]
    [InlineData(RouterCommandKind.SyncSecret, "{}")]
    [InlineData(RouterCommandKind.RemoveSecret, """{"name":null}""")]
    [InlineData(RouterCommandKind.KickSession, """{"profile":"x"}""")]
    [InlineData(RouterCommandKind.EnsureProfile, """{"name":"10M","rateLimit":"10M/10M"}""")]
    [InlineData(RouterCommandKind.EnsureProfile, "null")]
    public void Read_PayloadNotTheKindsRecord_Throws(RouterCommandKind kind, string payload) =>
        Should.Throw<JsonException>(() => RouterMessageJson.Read(kind, payload));

    [Fact]
    public void Write_EachMessage_IsSnakeCaseWithNullsWritten()
    {
        RouterMessageJson.Write(new SyncSecret("budi")).ShouldBe("""{"name":"budi"}""");
        RouterMessageJson.Write(new RemoveSecret("budi")).ShouldBe("""{"name":"budi"}""");
        RouterMessageJson.Write(new KickSession("budi")).ShouldBe("""{"name":"budi"}""");
        RouterMessageJson.Write(new EnsureProfile("10M", null)).ShouldBe("""{"profile":"10M","rate_limit":null}""");
        RouterMessageJson.Read(RouterCommandKind.EnsureProfile, """{"profile":"10M","rate_limit":"10M/10M"}""")
            .ShouldBe(new EnsureProfile("10M", "10M/10M"));
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = app.Db();
        return await db.RouterCommands.MaxAsync(c => c.Id);
    }
}
