using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;
using AddSubscription = MikroNet.Features.Clients.AddSubscription;
using Enforce = MikroNet.Features.Billing.Enforce;
using GenerateInvoices = MikroNet.Features.Billing.GenerateInvoices;

namespace MikroNet.Tests.Billing;

/// <summary>
/// Issue 9's billing reproducers: dates out of range are refused (422 naming the field) and write nothing, a dry
/// run answers without writing, a client far behind is held for attention, a late first invoice is not due before
/// it is raised. The fixture's clock starts on 2026-11-25 (Asia/Jakarta).
/// </summary>
public sealed class BillingDatesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly LocalDate Today = new(2026, 11, 25);
    private Api Api => app.Api;

    private sealed record Rows(int Clients, int Subscriptions, int Invoices, int Numbers, int Payments, int Commands,
        int Isolated, int Overdue, int Audit);

    private async Task<Rows> RowsAsync()
    {
        await using var db = app.Db();
        return new Rows(await db.Clients.IgnoreQueryFilters().CountAsync(), await db.Subscriptions.CountAsync(),
            await db.Invoices.CountAsync(), await db.InvoiceNumberCounters.SumAsync(c => c.LastValue),
            await db.Payments.CountAsync(), await db.RouterCommands.CountAsync(),
            await db.Clients.CountAsync(c => c.IsolatedAt != null),
            await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Overdue), await db.AuditEntries.CountAsync());
    }

    private static void ShouldBeRefused(ApiResponse answer, string field)
    {
        answer.Status.ShouldBe(422, answer.Text);
        answer.Problem.ErrorNames.ShouldBe([field]);
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", null);

    /// <summary>A client on a monthly plan whose first period is paid, so a real run renews it.</summary>
    private async Task<int> PaidClientAsync(LocalDate start)
    {
        var client = await Api.AddClientAsync(await Api.AddRouterAsync(), planId: await Api.AddPlanAsync(), start: start);
        await Api.PayAllAsync(client);
        return client;
    }

    [Fact]
    public async Task GenerateAndEnforce_AsOfOutsideTheWindow_Are422NamingAsOfAndWriteNothing()
    {
        app.Clock.Reset(AppFixture.Start);
        await PaidClientAsync(new LocalDate(2026, 11, 1));
        var before = await RowsAsync();

        foreach (var asOf in new[] { "2030-01-01", "9999-12-31", "1900-01-01", "2025-11-23", "2026-11-26" })
        {
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Post, "/invoices/generate", new { as_of = asOf }), "as_of");
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Get, $"/invoices/generate?as_of={asOf}"), "as_of");
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Post, "/invoices/enforce", new { as_of = asOf }), "as_of");
        }
        // A dry run may look ahead, but a year and a day at most.
        foreach (var asOf in new[] { "9999-12-31", "2027-11-27", "1900-01-01" })
        {
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Post, "/invoices/generate", new { as_of = asOf, dry_run = true }), "as_of");
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Post, "/invoices/enforce?dry_run=true", new { as_of = asOf }), "as_of");
        }

        (await RowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Enforce_AsOfAheadOfToday_Is422ButADryRunNamesWhoWouldBeIsolated()
    {
        // The reproducer: run on Nov 27 with an as_of ahead isolated clients who were not overdue.
        app.Clock.Reset(AppFixture.Start);
        var client = await Api.AddClientAsync(await Api.AddRouterAsync(), planId: await Api.AddPlanAsync(),
            start: new LocalDate(2026, 11, 20)); // raised Nov 25, due Dec 4, overdue from Dec 8
        var nov27 = new LocalDate(2026, 11, 27);
        var before = await RowsAsync();

        ShouldBeRefused(await app.OnDayAsync(nov27, api => api.SendAsync(HttpMethod.Post, "/invoices/enforce",
            new { as_of = "2026-12-08" })), "as_of");

        var dry = (await app.OnDayAsync(nov27, api => api.SendAsync<Envelope<Enforce.EnforcementResult>>(HttpMethod.Post,
            "/invoices/enforce?dry_run=true", new { as_of = "2026-12-08" }))).Expect(200).Body.Data;
        dry.DryRun.ShouldBeTrue();
        dry.IsolatedClientIds.ShouldContain(client);
        dry.ClientsIsolated.ShouldBe(dry.IsolatedClientIds.Count);
        dry.InvoicesOverdue.ShouldBeGreaterThanOrEqualTo(1);
        // The body field works as the query parameter does; neither writes anything.
        (await app.OnDayAsync(nov27, api => api.SendAsync(HttpMethod.Post, "/invoices/enforce",
            new { as_of = "2026-12-08", dry_run = true }))).Status.ShouldBe(200);

        (await RowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Generate_DryRunAhead_AnswersTheRealRunAndWritesNothing()
    {
        app.Clock.Reset(AppFixture.Start);
        var client = await PaidClientAsync(Today);
        var before = await RowsAsync();
        var dec20 = new LocalDate(2026, 12, 20);

        var answer = (await Api.SendAsync<Envelope<GenerateInvoices.Response>>(HttpMethod.Post, "/invoices/generate",
            new { as_of = Iso(dec20), dry_run = true })).Expect(200).Body.Data;
        answer.DryRun.ShouldBeTrue();
        var dry = answer.Invoices.Single(i => i.ClientId == client);
        (dry.InvoiceId, dry.SubscriptionId).ShouldBe((null, null));
        (await Api.SendAsync(HttpMethod.Get, $"/invoices/generate?as_of={Iso(dec20)}&dry_run=true")).Status.ShouldBe(200);
        (await RowsAsync()).ShouldBe(before);

        var real = (await app.GenerateOnDayAsync(dec20)).Expect(200).Body.Data.Invoices.Single(i => i.ClientId == client);
        real.InvoiceId.ShouldNotBeNull();
        (real with { InvoiceId = null, SubscriptionId = null }).ShouldBe(dry);
    }

    [Fact]
    public async Task Generate_ClientMoreThanMaxCatchUpBehind_IsListedUnderNeedsAttentionAndRaisedNothing()
    {
        await using var travel = await app.TimeTravelAsync();
        var router = await Api.AddRouterAsync();
        var plan = await Api.AddPlanAsync();
        // Anchor 2025-06-01: periods 1..17 have come due by 2026-11-25, more than 12.
        app.SetUtc(2025, 6, 1, 3);
        var farBehind = await Api.AddClientAsync(router, planId: plan, start: new LocalDate(2025, 6, 1));
        await Api.PayAllAsync(farBehind);
        // Anchor 2025-11-30: period 12 starts 2026-11-30, renewal day 2026-11-25: exactly 12 behind.
        app.SetUtc(2025, 11, 30, 3);
        var twelveBehind = await Api.AddClientAsync(router, planId: plan, start: new LocalDate(2025, 11, 30));
        await Api.PayAllAsync(twelveBehind);
        app.Clock.Reset(AppFixture.Start);

        var data = (await Api.GenerateInvoicesAsync(null)).Expect(200).Body.Data;

        var held = data.NeedsAttention.ShouldHaveSingleItem();
        (held.ClientId, held.LastPeriodIndex, held.LastEndDate).ShouldBe((farBehind, 0, new LocalDate(2025, 6, 30)));
        held.Reason.ShouldContain("12");
        data.Invoices.ShouldNotContain(i => i.ClientId == farBehind);
        data.Invoices.Count(i => i.ClientId == twelveBehind).ShouldBe(12);
        await using var db = app.Db();
        (await db.Subscriptions.CountAsync(s => s.ClientId == farBehind)).ShouldBe(1);
    }

    [Fact]
    public async Task StartDate_OutsideAYearOfToday_Is422AndWritesNothing()
    {
        app.Clock.Reset(AppFixture.Start);
        var router = await Api.AddRouterAsync();
        var plan = await Api.AddPlanAsync();
        var before = await RowsAsync();

        foreach (var start in new[] { "1900-01-01", "2025-11-23", "2027-11-27", "9999-12-31" })
        {
            var client = Api.NewClient(router, Api.Unique("late"));
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Post, "/client/register", new
            {
                name = client.Name, phone_number = client.PhoneNumber, address = client.Address, ppp_secret_name = client.PppSecretName,
                ppp_password = client.PppPassword, router_id = router, plan_id = plan, start_date = start,
            }), "start_date");
        }
        (await RowsAsync()).ShouldBe(before);

        var noPlanYet = await Api.AddClientAsync(router);
        before = await RowsAsync();
        foreach (var start in new[] { "1900-01-01", "2027-11-27" })
            ShouldBeRefused(await Api.SendAsync(HttpMethod.Post, $"/client/{noPlanYet}/subscriptions",
                new { plan_id = plan, start_date = start }), "start_date");
        (await RowsAsync()).ShouldBe(before);

        // The edge of the window is accepted.
        (await Api.AddSubscriptionAsync(noPlanYet, new AddSubscription.Request { PlanId = plan, StartDate = Today.PlusDays(-366) }))
            .Expect(201);
    }

    [Fact]
    public async Task FirstInvoice_StartInThePast_IsDueAPaymentTermAfterItIsRaised()
    {
        app.Clock.Reset(AppFixture.Start);
        var client = await Api.AddClientAsync(await Api.AddRouterAsync(), planId: await Api.AddPlanAsync(),
            start: Today.PlusDays(-30));

        var invoice = (await Api.InvoicesAsync(client))[0];
        (invoice.InvoiceDate, invoice.DueDate).ShouldBe((Today, Today.PlusDays(9)));
    }

    [Fact]
    public async Task Enforce_NoBody_AnswersLikeGenerateWithNoBody()
    {
        app.Clock.Reset(AppFixture.Start);
        var generated = (await Api.SendAsync<Envelope<GenerateInvoices.Response>>(HttpMethod.Post, "/invoices/generate"))
            .Expect(200).Body.Data;
        var enforced = (await Api.SendAsync<Envelope<Enforce.EnforcementResult>>(HttpMethod.Post, "/invoices/enforce"))
            .Expect(200).Body.Data;
        (generated.AsOf, generated.DryRun).ShouldBe((Today, false));
        (enforced.AsOf, enforced.DryRun).ShouldBe((Today, false));
    }
}
