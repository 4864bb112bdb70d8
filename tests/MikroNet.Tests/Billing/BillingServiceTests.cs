using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class BillingServiceCatchUpTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task RunDue_ServiceDownTenDays_RunsEveryMissedDayOnce()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 3, 0));
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);

        app.SetUtc(2026, 12, 10, 3);
        (await app.BillingService().RunDueAsync(default)).Select(r => r.RunDate).ShouldBe([new LocalDate(2026, 12, 10)]);

        // Down from Dec 11 to Dec 20; back on Dec 21 at 10:00 in Jakarta. Two hosts start at once.
        app.SetUtc(2026, 12, 21, 3);
        var both = await Task.WhenAll(app.BillingService().RunDueAsync(default), app.BillingService().RunDueAsync(default));
        var runs = both.SelectMany(r => r).OrderBy(r => r.RunDate).ToList();
        runs.Select(r => r.RunDate).ShouldBe(Enumerable.Range(11, 11).Select(d => new LocalDate(2026, 12, d)));
        runs.Sum(r => r.InvoicesRaised).ShouldBe(1);
        runs.Single(r => r.InvoicesRaised == 1).RunDate.ShouldBe(new LocalDate(2026, 12, 20));

        (await app.BillingService().RunDueAsync(default)).ShouldBeEmpty();
        await using var db = app.Db();
        (await db.BillingRuns.CountAsync()).ShouldBe(12);
        (await db.BillingRuns.AllAsync(r => r.FinishedAt != null)).ShouldBeTrue();
        var renewal = await db.Invoices.SingleAsync(i => i.ClientId == client && i.Subscription!.PeriodIndex == 1);
        renewal.InvoiceDate.ShouldBe(new LocalDate(2026, 12, 20));
        renewal.DueDate.ShouldBe(new LocalDate(2026, 12, 24));
    }
}

public sealed class BillingServiceTimeZoneTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task RunDue_At2330UtcAlreadyTomorrowInJakarta_RunsTheJakartaDate()
    {
        app.Clock.Reset(Instant.FromUtc(2026, 11, 25, 3, 0));
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);

        // Dec 19 17:04 UTC is Dec 20 00:04 in Jakarta, a minute before RunAt: only Dec 19 is due.
        app.SetUtc(2026, 12, 19, 17, 4);
        var early = (await app.BillingService().RunDueAsync(default)).ShouldHaveSingleItem();
        early.RunDate.ShouldBe(new LocalDate(2026, 12, 19));
        early.InvoicesRaised.ShouldBe(0);

        // Dec 19 23:30 UTC is Dec 20 06:30 in Jakarta: the renewal day of the period ending Dec 24.
        app.SetUtc(2026, 12, 19, 23, 30);
        var run = (await app.BillingService().RunDueAsync(default)).ShouldHaveSingleItem();
        run.RunDate.ShouldBe(new LocalDate(2026, 12, 20));
        run.InvoicesRaised.ShouldBe(1);

        await using var db = app.Db();
        var renewal = await db.Invoices.SingleAsync(i => i.ClientId == client && i.Subscription!.PeriodIndex == 1);
        renewal.InvoiceDate.ShouldBe(new LocalDate(2026, 12, 20));
    }
}

public sealed class NewYorkFixture : AppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Billing:TimeZone", "America/New_York"),
        new("Billing:RunAt", "02:30"),
    ];
}

public sealed class BillingServiceDaylightSavingTests(NewYorkFixture app) : IClassFixture<NewYorkFixture>
{
    [Fact]
    public async Task RunDue_RunAtInSkippedHour_RunsOnceThatDay()
    {
        app.SetUtc(2026, 3, 7, 12);
        (await app.BillingService().RunDueAsync(default)).Select(r => r.RunDate).ShouldBe([new LocalDate(2026, 3, 7)]);

        // On Mar 8 clocks jump from 02:00 EST to 03:00 EDT (07:00 UTC): 02:30 does not exist, the run moves to 03:30.
        app.SetUtc(2026, 3, 8, 6, 59);
        (await app.BillingService().RunDueAsync(default)).ShouldBeEmpty();
        app.SetUtc(2026, 3, 8, 7, 29);
        (await app.BillingService().RunDueAsync(default)).ShouldBeEmpty();
        app.SetUtc(2026, 3, 8, 7, 31);
        (await app.BillingService().RunDueAsync(default)).Select(r => r.RunDate).ShouldBe([new LocalDate(2026, 3, 8)]);
        app.SetUtc(2026, 3, 8, 23, 0);
        (await app.BillingService().RunDueAsync(default)).ShouldBeEmpty();

        // Mar 9, 02:30 EDT is 06:30 UTC.
        app.SetUtc(2026, 3, 9, 6, 29);
        (await app.BillingService().RunDueAsync(default)).ShouldBeEmpty();
        app.SetUtc(2026, 3, 9, 6, 31);
        (await app.BillingService().RunDueAsync(default)).Select(r => r.RunDate).ShouldBe([new LocalDate(2026, 3, 9)]);
    }
}
