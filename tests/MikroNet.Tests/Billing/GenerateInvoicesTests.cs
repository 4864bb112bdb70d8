using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class GenerateInvoicesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly LocalDate Today = new(2026, 11, 25);

    [Fact]
    public async Task Register_WithPlan_RaisesFirstInvoiceAndAnchorsClient()
    {
        app.Clock.Reset(AppFixture.Start);
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(200_000m);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 28));

        var subscription = (await app.Api.ClientDetailsAsync(client)).Data.Subscriptions[0];
        subscription.StartDate.ShouldBe(new LocalDate(2026, 11, 28));
        subscription.EndDate.ShouldBe(new LocalDate(2026, 12, 27));
        var invoice = subscription.Invoices[0];
        invoice.InvoiceDate.ShouldBe(new LocalDate(2026, 11, 25));
        invoice.DueDate.ShouldBe(new LocalDate(2026, 12, 7));
        invoice.TotalAmount.ShouldBe(200_000m);
        invoice.InvoiceStatus.ShouldBe("pending");
        invoice.Number.ShouldMatch(@"^INV-2026-\d{6}$");

        await using var db = app.Db();
        var saved = await db.Clients.SingleAsync(c => c.Id == client);
        saved.AnchorDate.ShouldBe(new LocalDate(2026, 11, 28));
        saved.PlanId.ShouldBe(plan);
    }

    [Fact]
    public async Task Generate_LeadTimeBoundary_RaisesOnDayMinusFourOnceOnly()
    {
        app.Clock.Reset(AppFixture.Start);
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(150_000m);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: Today);
        await app.Api.PayAllAsync(client);
        var end = new LocalDate(2026, 12, 24);

        var dayMinus5 = (await app.GenerateOnDayAsync(end.PlusDays(-5))).Expect(200).Data;
        dayMinus5.Invoices.ShouldNotContain(i => i.ClientId == client);

        var dayMinus4 = (await app.GenerateOnDayAsync(end.PlusDays(-4))).Expect(200).Data;
        var raised = dayMinus4.Invoices.Where(i => i.ClientId == client).ToList();
        raised.Count.ShouldBe(1);
        raised[0].StartDate.ShouldBe(new LocalDate(2026, 12, 25));
        raised[0].EndDate.ShouldBe(new LocalDate(2027, 1, 24));
        raised[0].InvoiceDate.ShouldBe(new LocalDate(2026, 12, 20));
        raised[0].DueDate.ShouldBe(new LocalDate(2026, 12, 24));
        raised[0].TotalAmount.ShouldBe(150_000m);

        (await app.GenerateOnDayAsync(end.PlusDays(-4))).Expect(200).Data.InvoicesRaised.ShouldBe(0);
        (await app.GenerateOnDayAsync(end.PlusDays(-1))).Expect(200).Data.Invoices.ShouldNotContain(i => i.ClientId == client);
        (await app.Api.InvoicesAsync(client)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Generate_UnpaidPastGrace_RaisesNothing()
    {
        app.Clock.Reset(AppFixture.Start);
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: Today);

        // The first invoice fell due on Dec 4 and its grace ended on Dec 7.
        var raised = await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20));
        raised.ShouldNotContain(i => i.ClientId == client);
    }

    [Fact]
    public async Task Generate_JanuaryThirtyFirstSeveralPeriodsBehind_CatchesUpWithoutDrift()
    {
        await using var travel = await app.TimeTravelAsync();
        app.Clock.Reset(Instant.FromUtc(2026, 1, 31, 3, 0));
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var anchor = new LocalDate(2026, 1, 31);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: anchor);
        await app.Api.PayAllAsync(client);

        // Renewal days: period 5 (from Jun 30) on Jun 25, period 6 (from Jul 31) on Jul 26.
        var raised = (await app.GenerateInProcessAsync(new LocalDate(2026, 6, 26)))
            .Where(i => i.ClientId == client).ToList();

        raised.Select(i => i.StartDate).ShouldBe([
            new LocalDate(2026, 2, 28), new LocalDate(2026, 3, 31), new LocalDate(2026, 4, 30),
            new LocalDate(2026, 5, 31), new LocalDate(2026, 6, 30)]);
        raised.Select(i => i.EndDate).ShouldBe([
            new LocalDate(2026, 3, 30), new LocalDate(2026, 4, 29), new LocalDate(2026, 5, 30),
            new LocalDate(2026, 6, 29), new LocalDate(2026, 7, 30)]);
        raised.ShouldAllBe(i => i.InvoiceDate == new LocalDate(2026, 6, 26));
        raised.Select(i => i.DueDate).ShouldBe(raised.Select(i => i.StartDate.PlusDays(-1)));
        for (var k = 1; k <= 5; k++)
        {
            raised[k - 1].PeriodIndex.ShouldBe(k);
            raised[k - 1].StartDate.ShouldBe(Periods.Start(anchor, 1, k));
            raised[k - 1].EndDate.ShouldBe(Periods.End(anchor, 1, k));
        }
    }

    [Fact]
    public void Periods_LeapYearAnchor_ClampsToMonthEnd()
    {
        var anchor = new LocalDate(2028, 1, 31);
        Periods.Start(anchor, 1, 1).ShouldBe(new LocalDate(2028, 2, 29));
        Periods.Start(anchor, 1, 2).ShouldBe(new LocalDate(2028, 3, 31));
        Periods.End(anchor, 1, 0).ShouldBe(new LocalDate(2028, 2, 28));
        Periods.Start(anchor, 3, 1).ShouldBe(new LocalDate(2028, 4, 30));
    }

    [Fact]
    public async Task Generate_AutoRenewOff_RaisesNothing()
    {
        app.Clock.Reset(AppFixture.Start);
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: Today);
        await app.Api.PayAllAsync(client);
        await using (var db = app.Db())
            await db.Clients.Where(c => c.Id == client).ExecuteUpdateAsync(s => s.SetProperty(c => c.AutoRenew, false));

        (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 23))).ShouldNotContain(i => i.ClientId == client);
    }

    [Fact]
    public async Task Generate_GetSeedRouteAndOperator_AdminOnly()
    {
        (await app.Api.GenerateInvoicesByGetAsync(Today)).Expect(200).Data.AsOf.ShouldBe(Today);

        var token = await app.Api.OperatorTokenAsync("billing-operator");
        (await app.Api.As(token).GenerateInvoicesAsync(null)).Status.ShouldBe(403);
    }
}
