using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class GenerateInvoicesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);
    private static readonly LocalDate Today = new(2026, 11, 25);

    [Fact]
    public async Task Register_WithPlan_RaisesFirstInvoiceAndAnchorsClient()
    {
        app.Clock.Reset(BillingDriver.Start);
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync(200_000m);
        var client = await _billing.ClientAsync(router, plan, new LocalDate(2026, 11, 28));

        var subscription = (await _billing.DetailsAsync(client)).GetProperty("subscriptions")[0];
        subscription.GetProperty("start_date").GetString().ShouldBe("2026-11-28");
        subscription.GetProperty("end_date").GetString().ShouldBe("2026-12-27");
        var invoice = subscription.GetProperty("invoices")[0];
        invoice.GetProperty("invoice_date").GetString().ShouldBe("2026-11-25");
        invoice.GetProperty("due_date").GetString().ShouldBe("2026-12-07");
        invoice.GetProperty("total_amount").GetDecimal().ShouldBe(200_000m);
        invoice.GetProperty("invoice_status").GetString().ShouldBe("pending");
        invoice.GetProperty("number").GetString()!.ShouldMatch(@"^INV-2026-\d{6}$");

        await using var db = app.Db();
        var saved = await db.Clients.SingleAsync(c => c.Id == client);
        saved.AnchorDate.ShouldBe(new LocalDate(2026, 11, 28));
        saved.PlanId.ShouldBe(plan);
    }

    [Fact]
    public async Task Generate_LeadTimeBoundary_RaisesOnDayMinusFourOnceOnly()
    {
        app.Clock.Reset(BillingDriver.Start);
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync(150_000m);
        var client = await _billing.ClientAsync(router, plan, Today);
        await _billing.PayAllAsync(client);
        var end = new LocalDate(2026, 12, 24);

        var dayMinus5 = await _billing.GenerateAsync(end.PlusDays(-5));
        dayMinus5.GetProperty("invoices").EnumerateArray().ShouldNotContain(i => i.GetProperty("client_id").GetInt32() == client);

        var dayMinus4 = await _billing.GenerateAsync(end.PlusDays(-4));
        var raised = dayMinus4.GetProperty("invoices").EnumerateArray()
            .Where(i => i.GetProperty("client_id").GetInt32() == client).ToList();
        raised.Count.ShouldBe(1);
        raised[0].GetProperty("start_date").GetString().ShouldBe("2026-12-25");
        raised[0].GetProperty("end_date").GetString().ShouldBe("2027-01-24");
        raised[0].GetProperty("invoice_date").GetString().ShouldBe("2026-12-20");
        raised[0].GetProperty("due_date").GetString().ShouldBe("2026-12-24");
        raised[0].GetProperty("total_amount").GetDecimal().ShouldBe(150_000m);

        (await _billing.GenerateAsync(end.PlusDays(-4))).GetProperty("invoices_raised").GetInt32().ShouldBe(0);
        (await _billing.GenerateAsync(end.PlusDays(-1))).GetProperty("invoices").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("client_id").GetInt32() == client);
        (await _billing.InvoicesAsync(client)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Generate_UnpaidPastGrace_RaisesNothing()
    {
        app.Clock.Reset(BillingDriver.Start);
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync();
        var client = await _billing.ClientAsync(router, plan, Today);

        // The first invoice fell due on Dec 4 and its grace ended on Dec 7.
        var raised = await _billing.GenerateDirectAsync(new LocalDate(2026, 12, 20));
        raised.ShouldNotContain(i => i.ClientId == client);
    }

    [Fact]
    public async Task Generate_JanuaryThirtyFirstSeveralPeriodsBehind_CatchesUpWithoutDrift()
    {
        await using var travel = await _billing.TimeTravelAsync();
        app.Clock.Reset(Instant.FromUtc(2026, 1, 31, 3, 0));
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync();
        var anchor = new LocalDate(2026, 1, 31);
        var client = await _billing.ClientAsync(router, plan, anchor);
        await _billing.PayAllAsync(client);

        // Renewal days: period 5 (from Jun 30) on Jun 25, period 6 (from Jul 31) on Jul 26.
        var raised = (await _billing.GenerateDirectAsync(new LocalDate(2026, 6, 26)))
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
        app.Clock.Reset(BillingDriver.Start);
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync();
        var client = await _billing.ClientAsync(router, plan, Today);
        await _billing.PayAllAsync(client);
        await using (var db = app.Db())
            await db.Clients.Where(c => c.Id == client).ExecuteUpdateAsync(s => s.SetProperty(c => c.AutoRenew, false));

        (await _billing.GenerateDirectAsync(new LocalDate(2026, 12, 23))).ShouldNotContain(i => i.ClientId == client);
    }

    [Fact]
    public async Task Generate_GetSeedRouteAndOperator_AdminOnly()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Get, "/invoices/generate?as_of=2026-11-25");
        status.ShouldBe(200, body.ToString());
        body.GetProperty("data").GetProperty("as_of").GetString().ShouldBe("2026-11-25");

        var token = await app.OperatorTokenAsync("billing-operator");
        var response = await app.SendAsync(HttpMethod.Post, "/invoices/generate", new { }, token);
        ((int)response.StatusCode).ShouldBe(403);
    }
}
