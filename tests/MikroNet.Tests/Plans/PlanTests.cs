using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Plans;

public sealed class PlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);

    [Fact]
    public async Task Create_TwoRouters_QueuesProfileForEach()
    {
        var routers = new[] { await _billing.RouterAsync(), await _billing.RouterAsync() };
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/plans", new
        {
            name = "Home 10", price = 150000, period_months = 1, ppp_profile = "home-10", rate_limit = "10M/10M",
        });
        status.ShouldBe(201, body.ToString());
        var plan = body.GetProperty("data");
        plan.GetProperty("ppp_profile").GetString().ShouldBe("home-10");
        plan.GetProperty("rate_limit").GetString().ShouldBe("10M/10M");
        plan.GetProperty("period_months").GetInt32().ShouldBe(1);

        await using var db = app.Db();
        var commands = (await db.RouterCommands.Where(c => c.Kind == RouterCommandKind.EnsureProfile).ToListAsync())
            .Where(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("profile").GetString() == "home-10").ToList();
        commands.Select(c => c.RouterId).Order().ShouldBe(await db.Routers.Select(r => r.Id).Order().ToListAsync());
        routers.ShouldBeSubsetOf(commands.Select(c => c.RouterId));
        commands.ShouldAllBe(c => c.ClientId == null);
        var payload = JsonDocument.Parse(commands[0].Payload).RootElement;
        payload.GetProperty("profile").GetString().ShouldBe("home-10");
        payload.GetProperty("rate_limit").GetString().ShouldBe("10M/10M");

        (await app.AdminAsync(HttpMethod.Get, "/plans")).Body.GetProperty("data").EnumerateArray()
            .ShouldContain(p => p.GetProperty("name").GetString() == "Home 10");
        var id = plan.GetProperty("plan_id").GetInt32();
        (await app.AdminAsync(HttpMethod.Get, $"/plans/{id}")).Status.ShouldBe(200);
        (await app.AdminAsync(HttpMethod.Get, "/plans/999999")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Create_BadInput_Returns400Or409()
    {
        (await app.AdminAsync(HttpMethod.Post, "/plans", new { name = "X", price = 0, period_months = 1, ppp_profile = "p" }))
            .Status.ShouldBe(400);
        (await app.AdminAsync(HttpMethod.Post, "/plans", new { name = "X", price = 10, period_months = 0, ppp_profile = "p" }))
            .Status.ShouldBe(400);
        (await app.AdminAsync(HttpMethod.Post, "/plans", new { name = "X", price = 10, period_months = 1, ppp_profile = "a b" }))
            .Status.ShouldBe(400);
        (await app.AdminAsync(HttpMethod.Post, "/plans",
            new { name = "X", price = 10, period_months = 1, ppp_profile = "p", rate_limit = "fast" })).Status.ShouldBe(400);
        (await app.AdminAsync(HttpMethod.Post, "/plans",
            new { name = "Dup", price = 10, period_months = 1, ppp_profile = "p", rate_limit = "5M/10M 8M/15M 4M/8M 10/10" }))
            .Status.ShouldBe(201);
        (await app.AdminAsync(HttpMethod.Post, "/plans", new { name = "Dup", price = 10, period_months = 1, ppp_profile = "p" }))
            .Status.ShouldBe(409);
        var token = await app.OperatorTokenAsync("plan-operator");
        var response = await app.SendAsync(HttpMethod.Post, "/plans",
            new { name = "Op", price = 10, period_months = 1, ppp_profile = "p" }, token);
        ((int)response.StatusCode).ShouldBe(403);
    }

    [Fact]
    public async Task Update_ProfileChanged_QueuesProfileAndResyncsClients()
    {
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync();
        var client = await _billing.ClientAsync(router, plan, new LocalDate(2026, 11, 25));
        long last;
        await using (var db = app.Db()) last = await db.RouterCommands.MaxAsync(c => c.Id);

        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/plans/{plan}",
            new { price = 175000, ppp_profile = "home-20", rate_limit = "20M/20M" });
        status.ShouldBe(200, body.ToString());
        body.GetProperty("data").GetProperty("price").GetDecimal().ShouldBe(175000m);

        await using (var db = app.Db())
        {
            var commands = await db.RouterCommands.Where(c => c.Id > last).ToListAsync();
            commands.ShouldContain(c => c.Kind == RouterCommandKind.EnsureProfile && c.RouterId == router
                && c.Payload.Contains("home-20") && c.Payload.Contains("20M/20M"));
            commands.ShouldContain(c => c.Kind == RouterCommandKind.SyncSecret && c.ClientId == client);
        }

        (await app.AdminAsync(HttpMethod.Put, $"/plans/{plan}", new { period_months = 3 })).Status.ShouldBe(409);
        (await app.AdminAsync(HttpMethod.Put, "/plans/999999", new { price = 1 })).Status.ShouldBe(404);
    }

    [Fact]
    public async Task RegisterRouter_PlansExist_QueuesEveryPlanProfile()
    {
        var plan = await _billing.PlanAsync();
        var router = await _billing.RouterAsync();
        await using var db = app.Db();
        var profiles = (await db.RouterCommands.Where(c => c.RouterId == router && c.Kind == RouterCommandKind.EnsureProfile)
            .ToListAsync()).Select(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("profile").GetString()).ToList();
        profiles.Count.ShouldBe(await db.Plans.CountAsync());
        profiles.ShouldContain((await db.Plans.SingleAsync(p => p.Id == plan)).PppProfile);
    }
}
