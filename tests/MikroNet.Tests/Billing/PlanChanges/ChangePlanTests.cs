using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.PlanChanges;

public sealed class ChangePlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly LocalDate Dec10 = new(2026, 12, 10);

    /// <summary>A client from Nov 25 (period Nov 25 – Dec 24, 30 days) on a plan of this price, first invoice paid.</summary>
    private async Task<int> PayingClientAsync(int planId)
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: planId, start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);
        return client;
    }

    [Fact]
    public async Task Change_NextPeriod_TheRenewalIsOnTheNewPlanAndTheProfileFollowsWhenItStarts()
    {
        await using var travel = await app.TimeTravelAsync();
        var slow = await app.Api.AddPlanAsync(100_000m);
        var client = await PayingClientAsync(slow);
        var faster = (await app.Api.CreatePlanAsync(Driver.Api.NewPlan(200_000m, name: Driver.Api.Unique("20M ")))).Expect(201).Data;

        var answer = (await app.Api.ChangePlanAsync(client, faster.PlanId, "next_period")).Expect(200).Data;
        (answer.NextPeriodStart, answer.Prorations.Count, answer.Client.PlanId).ShouldBe((new LocalDate(2026, 12, 25), 0, slow));
        (await app.Api.ChangePlanAsync(client, slow, "now")).Status.ShouldBe(409);

        var renewal = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        (renewal.StartDate, renewal.EndDate, renewal.TotalAmount).ShouldBe((new LocalDate(2026, 12, 25), new LocalDate(2027, 1, 24), 200_000m));
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 24))).PlanSwitchedClientIds.ShouldNotContain(client);
        (await app.CommandsOfAsync(client)).Count(c => c.Kind == RouterCommandKind.SyncSecret).ShouldBe(1);

        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 25))).PlanSwitchedClientIds.ShouldContain(client);
        (await app.Api.ClientDetailsAsync(client)).Data.Client.PlanId.ShouldBe(faster.PlanId);
        (await app.CommandsOfAsync(client)).Count(c => c.Kind == RouterCommandKind.SyncSecret).ShouldBe(2);
    }

    [Fact]
    public async Task Change_NowUpgrade_PushesTheProfileAndBillsTheRestOfThePeriodOnTheNextInvoice()
    {
        await using var travel = await app.TimeTravelAsync();
        var client = await PayingClientAsync(await app.Api.AddPlanAsync(100_000m));
        var faster = (await app.Api.CreatePlanAsync(Driver.Api.NewPlan(200_000m, name: Driver.Api.Unique("20M ")))).Expect(201).Data;

        // Dec 10 – Dec 24: 15 of 30 days at 100,000 more = 50,000.
        var answer = (await app.OnDayAsync(Dec10, api => api.ChangePlanAsync(client, faster.PlanId, "now"))).Expect(200).Data;
        answer.Prorations.Single().ShouldBe(new Features.Billing.ChangePlan.ProrationView(
            answer.Prorations[0].SubscriptionId, 15, 30, 50_000m, "charge", null));
        (await app.CommandsOfAsync(client)).Last().Kind.ShouldBe(RouterCommandKind.SyncSecret);

        await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20));
        var renewal = (await app.Api.InvoicesAsync(client))[1];
        renewal.Lines.Select(l => (l.Kind, l.Amount)).ShouldBe([("period", 200_000m), ("proration", 50_000m)]);
        renewal.Lines[1].Description.ShouldStartWith($"Upgrade to {faster.Name} from 2026-12-10: 15 of 30 days");
        renewal.TotalAmount.ShouldBe(250_000m);
    }

    [Fact]
    public async Task Change_NowDowngrade_CreditsTheRestOfThePeriod()
    {
        await using var travel = await app.TimeTravelAsync();
        var client = await PayingClientAsync(await app.Api.AddPlanAsync(200_000m));
        var slower = await app.Api.AddPlanAsync(100_000m);

        var answer = (await app.OnDayAsync(Dec10, api => api.ChangePlanAsync(client, slower, "now"))).Expect(200).Data;
        var proration = answer.Prorations.Single();
        (proration.Kind, proration.Amount).ShouldBe(("credit_note", -50_000m));
        proration.CreditNoteNumber.ShouldNotBeNull().ShouldStartWith("CN-2026-");
        (await app.Api.ClientDetailsAsync(client)).Data.Client.CreditBalance.ShouldBe(50_000m);

        var renewal = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        (renewal.CreditApplied, renewal.TotalAmount).ShouldBe((50_000m, 50_000m));
    }

    [Fact]
    public async Task Change_NextPeriodToAnotherLength_TheAnchorMovesToTheNewPeriod()
    {
        await using var travel = await app.TimeTravelAsync();
        var client = await PayingClientAsync(await app.Api.AddPlanAsync(100_000m));
        var quarterly = await app.Api.AddPlanAsync(280_000m, months: 3);

        (await app.Api.ChangePlanAsync(client, quarterly, "now")).Status.ShouldBe(409);
        (await app.Api.ChangePlanAsync(client, quarterly, "next_period")).Expect(200);

        var renewal = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        (renewal.StartDate, renewal.EndDate, renewal.TotalAmount).ShouldBe((new LocalDate(2026, 12, 25), new LocalDate(2027, 3, 24), 280_000m));
        await app.Api.PayAllAsync(client);
        var next = (await app.GenerateInProcessAsync(new LocalDate(2027, 3, 20))).Single(r => r.ClientId == client);
        (next.StartDate, next.EndDate).ShouldBe((new LocalDate(2027, 3, 25), new LocalDate(2027, 6, 24)));
    }

    [Fact]
    public async Task Change_TenAtOnce_OneWinsAndTheRestOfThePeriodIsProratedOnce()
    {
        var client = await PayingClientAsync(await app.Api.AddPlanAsync(100_000m));
        var faster = await app.Api.AddPlanAsync(160_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => app.Api.ChangePlanAsync(client, faster, "now"))));
        answers.Count(a => a.Status == 200).ShouldBe(1);
        answers.Count(a => a.Status == 409).ShouldBe(9);
        await using var db = app.Db();
        (await db.ClientCharges.Where(c => c.ClientId == client).Select(c => c.Amount).ToListAsync()).ShouldBe([60_000m]);
    }

    [Fact]
    public async Task Change_BadRequests_AreRefused()
    {
        var plan = await app.Api.AddPlanAsync(100_000m);
        var client = await PayingClientAsync(plan);
        var other = await app.Api.AddPlanAsync(120_000m);
        (await app.Api.ChangePlanAsync(client, other, "tomorrow")).Status.ShouldBe(400);
        (await app.Api.ChangePlanAsync(client, null, "now")).Status.ShouldBe(400);
        (await app.Api.ChangePlanAsync(client, 999_999, "now")).Status.ShouldBe(422);
        (await app.Api.ChangePlanAsync(999_999, other, "now")).Status.ShouldBe(404);
        (await app.Api.ChangePlanAsync(client, plan, "now")).Status.ShouldBe(409);
        (await app.Api.ChangePlanAsync(await app.Api.AddClientAsync(await app.Api.AddRouterAsync()), other, "now")).Status
            .ShouldBe(409);
        (await app.Api.As(await app.Api.OperatorTokenAsync(Driver.Api.Unique("op"))).ChangePlanAsync(client, other, "now"))
            .Status.ShouldBe(403);
        (await app.Api.ClientDetailsAsync(client)).Data.Client.PlanId.ShouldBe(plan);
    }
}
