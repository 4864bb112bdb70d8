using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>
/// Issue 9's billing reproducers: dates out of range are refused (422 naming the field) and write nothing, a dry
/// run answers without writing, a client far behind is held for attention, a late first invoice is not due before
/// it is raised. The fixture's clock starts on 2026-11-25 (Asia/Jakarta).
/// </summary>
public sealed class BillingDatesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);
    private static readonly LocalDate Today = new(2026, 11, 25);

    private sealed record Rows(int Clients, int Subscriptions, int Invoices, int Numbers, int Payments, int Commands,
        int Isolated, int Overdue);

    private async Task<Rows> RowsAsync()
    {
        await using var db = app.Db();
        return new Rows(await db.Clients.IgnoreQueryFilters().CountAsync(), await db.Subscriptions.CountAsync(),
            await db.Invoices.CountAsync(), await db.InvoiceNumberCounters.SumAsync(c => c.LastValue),
            await db.Payments.CountAsync(), await db.RouterCommands.CountAsync(),
            await db.Clients.CountAsync(c => c.IsolatedAt != null),
            await db.Invoices.CountAsync(i => i.Status == Infrastructure.Persistence.Entities.InvoiceStatus.Overdue));
    }

    private static void ShouldBeRefused((int Status, JsonElement Body) answer, string field)
    {
        answer.Status.ShouldBe(422, answer.Body.ToString());
        answer.Body.ErrorNames().ShouldBe([field]);
    }

    /// <summary>A client on a monthly plan whose first period is paid: any real run on or after Dec 20 raises for it.</summary>
    private async Task<int> PaidClientAsync(LocalDate start)
    {
        var client = await _billing.ClientAsync(await _billing.RouterAsync(), await _billing.PlanAsync(), start);
        await _billing.PayAllAsync(client);
        return client;
    }

    [Fact]
    public async Task GenerateAndEnforce_AsOfOutsideTheWindow_Are422NamingAsOfAndWriteNothing()
    {
        app.Clock.Reset(BillingDriver.Start);
        await PaidClientAsync(new LocalDate(2026, 11, 1));
        var before = await RowsAsync();

        string[] refused = ["2030-01-01", "9999-12-31", "1900-01-01", "2025-11-23", "2026-11-26"];
        foreach (var asOf in refused)
        {
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Post, "/invoices/generate", new { as_of = asOf }), "as_of");
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Get, $"/invoices/generate?as_of={asOf}"), "as_of");
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Post, "/invoices/enforce", new { as_of = asOf }), "as_of");
        }
        // A dry run may look ahead, but a year and a day at most.
        foreach (var asOf in new[] { "9999-12-31", "2027-11-27", "1900-01-01" })
        {
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Post, "/invoices/generate", new { as_of = asOf, dry_run = true }), "as_of");
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Post, $"/invoices/enforce?dry_run=true", new { as_of = asOf }), "as_of");
        }

        (await RowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Enforce_AsOfAheadOfToday_Is422ButADryRunNamesWhoWouldBeIsolated()
    {
        // The reproducer: run on Nov 27 with as_of Dec 5 isolated clients who were not overdue.
        app.Clock.Reset(BillingDriver.Start);
        var client = await _billing.ClientAsync(await _billing.RouterAsync(), await _billing.PlanAsync(),
            new LocalDate(2026, 11, 20)); // raised Nov 25, due Dec 4, overdue from Dec 8
        _billing.SetUtc(2026, 11, 27, 3);
        try
        {
            var before = await RowsAsync();
            ShouldBeRefused(await _billing.OnDayAsync(new LocalDate(2026, 11, 27), HttpMethod.Post, "/invoices/enforce",
                new { as_of = "2026-12-08" }), "as_of");

            var (status, body) = await _billing.OnDayAsync(new LocalDate(2026, 11, 27), HttpMethod.Post,
                "/invoices/enforce?dry_run=true", new { as_of = "2026-12-08" });
            status.ShouldBe(200, body.ToString());
            var data = body.GetProperty("data");
            data.GetProperty("dry_run").GetBoolean().ShouldBeTrue();
            data.GetProperty("isolated_client_ids").EnumerateArray().Select(e => e.GetInt32()).ShouldContain(client);
            data.GetProperty("clients_isolated").GetInt32().ShouldBe(data.GetProperty("isolated_client_ids").GetArrayLength());
            data.GetProperty("invoices_overdue").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

            // The body field works as the query parameter does; neither writes anything.
            (await _billing.OnDayAsync(new LocalDate(2026, 11, 27), HttpMethod.Post, "/invoices/enforce",
                new { as_of = "2026-12-08", dry_run = true })).Status.ShouldBe(200);
            (await RowsAsync()).ShouldBe(before);
        }
        finally
        {
            app.Clock.Reset(BillingDriver.Start);
        }
    }

    [Fact]
    public async Task Generate_DryRunAhead_AnswersTheRealRunAndWritesNothing()
    {
        app.Clock.Reset(BillingDriver.Start);
        var client = await PaidClientAsync(Today);
        var before = await RowsAsync();

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/invoices/generate",
            new { as_of = "2026-12-20", dry_run = true });
        status.ShouldBe(200, body.ToString());
        body.GetProperty("data").GetProperty("dry_run").GetBoolean().ShouldBeTrue();
        var dry = body.GetProperty("data").GetProperty("invoices").EnumerateArray()
            .Single(i => i.GetProperty("client_id").GetInt32() == client);
        dry.GetProperty("invoice_id").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.AdminAsync(HttpMethod.Get, "/invoices/generate?as_of=2026-12-20&dry_run=true")).Status.ShouldBe(200);
        (await RowsAsync()).ShouldBe(before);

        var real = (await _billing.GenerateAsync(new LocalDate(2026, 12, 20))).GetProperty("invoices").EnumerateArray()
            .Single(i => i.GetProperty("client_id").GetInt32() == client);
        real.GetProperty("invoice_id").GetInt32().ShouldBeGreaterThan(0);
        foreach (var field in new[] { "number", "start_date", "end_date", "invoice_date", "due_date" })
            real.GetProperty(field).GetString().ShouldBe(dry.GetProperty(field).GetString(), field);
    }

    [Fact]
    public async Task Generate_ClientMoreThanMaxCatchUpBehind_IsListedUnderNeedsAttentionAndRaisedNothing()
    {
        await using var travel = await _billing.TimeTravelAsync();
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync();
        // Anchor 2025-06-01: periods 1..17 have come due by 2026-11-25, more than 12.
        _billing.SetUtc(2025, 6, 1, 3);
        var farBehind = await _billing.ClientAsync(router, plan, new LocalDate(2025, 6, 1));
        await _billing.PayAllAsync(farBehind);
        // Anchor 2025-11-30: period 12 starts 2026-11-30, renewal day 2026-11-25: exactly 12 behind.
        _billing.SetUtc(2025, 11, 30, 3);
        var twelveBehind = await _billing.ClientAsync(router, plan, new LocalDate(2025, 11, 30));
        await _billing.PayAllAsync(twelveBehind);
        app.Clock.Reset(BillingDriver.Start);

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/invoices/generate", new { });
        status.ShouldBe(200, body.ToString());
        var data = body.GetProperty("data");
        var held = data.GetProperty("needs_attention").EnumerateArray().ToList();
        held.Select(h => h.GetProperty("client_id").GetInt32()).ShouldBe([farBehind]);
        held[0].GetProperty("last_end_date").GetString().ShouldBe("2025-06-30");
        held[0].GetProperty("reason").GetString()!.ShouldContain("12");
        var raised = data.GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("client_id").GetInt32()).ToList();
        raised.ShouldNotContain(farBehind);
        raised.Count(c => c == twelveBehind).ShouldBe(12);

        await using var db = app.Db();
        (await db.Subscriptions.CountAsync(s => s.ClientId == farBehind)).ShouldBe(1);
    }

    [Fact]
    public async Task StartDate_OutsideAYearOfToday_Is422AndWritesNothing()
    {
        app.Clock.Reset(BillingDriver.Start);
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync();
        var before = await RowsAsync();

        foreach (var start in new[] { "1900-01-01", "2025-11-23", "2027-11-27", "9999-12-31" })
        {
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Post, "/client/register", new
            {
                name = "Late Starter", phone_number = "081234567890", address = "Jl. Merdeka 1",
                ppp_secret_name = "late-starter", ppp_password = "secret-pass", router_id = router, plan_id = plan,
                start_date = start,
            }), "start_date");
        }
        (await RowsAsync()).ShouldBe(before);

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", new
        {
            name = "No Plan Yet", phone_number = "081234567890", address = "Jl. Merdeka 1",
            ppp_secret_name = "no-plan-yet", ppp_password = "secret-pass", router_id = router,
        });
        status.ShouldBe(201, body.ToString());
        var client = body.GetProperty("data").GetProperty("client_id").GetInt32();
        before = await RowsAsync();
        foreach (var start in new[] { "1900-01-01", "2027-11-27" })
            ShouldBeRefused(await app.AdminAsync(HttpMethod.Post, $"/client/{client}/subscriptions",
                new { plan_id = plan, start_date = start }), "start_date");
        (await RowsAsync()).ShouldBe(before);

        // The edges of the window are accepted.
        (await app.AdminAsync(HttpMethod.Post, $"/client/{client}/subscriptions",
            new { plan_id = plan, start_date = "2025-11-24" })).Status.ShouldBe(201);
    }

    [Fact]
    public async Task FirstInvoice_StartInThePast_IsDueAPaymentTermAfterItIsRaised()
    {
        app.Clock.Reset(BillingDriver.Start);
        var client = await _billing.ClientAsync(await _billing.RouterAsync(), await _billing.PlanAsync(),
            Today.PlusDays(-30));

        var invoice = (await _billing.InvoicesAsync(client))[0];
        invoice.GetProperty("invoice_date").GetString().ShouldBe("2026-11-25");
        invoice.GetProperty("due_date").GetString().ShouldBe("2026-12-04");
    }

    [Fact]
    public async Task Enforce_NoBody_AnswersLikeGenerateWithNoBody()
    {
        app.Clock.Reset(BillingDriver.Start);
        var token = await app.AdminTokenAsync();
        foreach (var url in new[] { "/invoices/generate", "/invoices/enforce" })
        {
            var response = await app.SendAsync(HttpMethod.Post, url, null, token);
            ((int)response.StatusCode).ShouldBe(200, $"{url}: {await response.Content.ReadAsStringAsync()}");
            var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
            data.GetProperty("as_of").GetString().ShouldBe("2026-11-25");
            data.GetProperty("dry_run").GetBoolean().ShouldBeFalse();
        }
    }
}
