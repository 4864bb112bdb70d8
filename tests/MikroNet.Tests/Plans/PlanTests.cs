using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;
using CreatePlan = MikroNet.Features.Plans.CreatePlan;
using UpdatePlan = MikroNet.Features.Plans.UpdatePlan;

namespace MikroNet.Tests.Plans;

public sealed class PlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Create_TwoRouters_QueuesProfileForEach()
    {
        var routers = new[] { await app.Api.AddRouterAsync(), await app.Api.AddRouterAsync() };
        var plan = (await app.Api.CreatePlanAsync(new CreatePlan.Request
        {
            Name = "Home 10", Price = 150000, PeriodMonths = 1, PppProfile = "home-10", RateLimit = "10M/10M",
        })).Expect(201).Data;
        plan.PppProfile.ShouldBe("home-10");
        plan.RateLimit.ShouldBe("10M/10M");
        plan.PeriodMonths.ShouldBe(1);

        await using var db = app.Db();
        var commands = (await db.RouterCommands.Where(c => c.Kind == RouterCommandKind.EnsureProfile).ToListAsync())
            .Where(c => ProfileOf(c).Profile == "home-10").ToList();
        commands.Select(c => c.RouterId).Order().ShouldBe(await db.Routers.Select(r => r.Id).Order().ToListAsync());
        routers.ShouldBeSubsetOf(commands.Select(c => c.RouterId));
        commands.ShouldAllBe(c => c.ClientId == null);
        ProfileOf(commands[0]).ShouldBe(new EnsureProfile("home-10", "10M/10M"));

        (await app.Api.ListPlansAsync()).Data.ShouldContain(p => p.Name == "Home 10");
        (await app.Api.GetPlanAsync(plan.PlanId)).Status.ShouldBe(200);
        (await app.Api.GetPlanAsync(999999)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Create_BadInput_Returns400Or409()
    {
        (await CreateAsync("X", 0, 1, "p")).Status.ShouldBe(400);
        (await CreateAsync("X", 10, 0, "p")).Status.ShouldBe(400);
        (await CreateAsync("X", 10, 1, "a b")).Status.ShouldBe(400);
        (await CreateAsync("X", 10, 1, "p", "fast")).Status.ShouldBe(400);
        (await CreateAsync("Dup", 10, 1, "p", "5M/10M 8M/15M 4M/8M 10/10")).Status.ShouldBe(201);
        (await CreateAsync("Dup", 10, 1, "p")).Status.ShouldBe(409);
        var token = await app.Api.OperatorTokenAsync("plan-operator");
        (await app.Api.As(token).CreatePlanAsync(Plan("Op", 10, 1, "p"))).Status.ShouldBe(403);
    }

    [Fact]
    public async Task Update_ProfileChanged_QueuesProfileAndResyncsClients()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        long last;
        await using (var db = app.Db()) last = await db.RouterCommands.MaxAsync(c => c.Id);

        var updated = await app.Api.UpdatePlanAsync(plan,
            new UpdatePlan.Request { Price = 175000, PppProfile = "home-20", RateLimit = "20M/20M" });
        updated.Expect(200).Data.Price.ShouldBe(175000m);

        await using (var db = app.Db())
        {
            var commands = await db.RouterCommands.Where(c => c.Id > last).ToListAsync();
            commands.ShouldContain(c => c.Kind == RouterCommandKind.EnsureProfile && c.RouterId == router
                && c.Payload.Contains("home-20") && c.Payload.Contains("20M/20M"));
            commands.ShouldContain(c => c.Kind == RouterCommandKind.SyncSecret && c.ClientId == client);
        }

        (await app.Api.UpdatePlanAsync(plan, new UpdatePlan.Request { PeriodMonths = 3 })).Status.ShouldBe(409);
        (await app.Api.UpdatePlanAsync(999999, new UpdatePlan.Request { Price = 1 })).Status.ShouldBe(404);
    }

    [Fact]
    public async Task RegisterRouter_PlansExist_QueuesEveryPlanProfile()
    {
        var plan = await app.Api.AddPlanAsync();
        var router = await app.Api.AddRouterAsync();
        await using var db = app.Db();
        var profiles = (await db.RouterCommands.Where(c => c.RouterId == router && c.Kind == RouterCommandKind.EnsureProfile)
            .ToListAsync()).Select(c => ProfileOf(c).Profile).ToList();
        profiles.Count.ShouldBe(await db.Plans.CountAsync());
        profiles.ShouldContain((await db.Plans.SingleAsync(p => p.Id == plan)).PppProfile);
    }

    private static EnsureProfile ProfileOf(RouterCommand command) =>
        (EnsureProfile)RouterMessageJson.Read(command.Kind, command.Payload);

    private Task<ApiResponse<Features.Common.Envelope<Features.Plans.PlanView>>> CreateAsync(string name, decimal price, int months,
        string profile, string? rateLimit = null) => app.Api.CreatePlanAsync(Plan(name, price, months, profile, rateLimit));

    private static CreatePlan.Request Plan(string name, decimal price, int months, string profile, string? rateLimit = null) =>
        new() { Name = name, Price = price, PeriodMonths = months, PppProfile = profile, RateLimit = rateLimit };
}
