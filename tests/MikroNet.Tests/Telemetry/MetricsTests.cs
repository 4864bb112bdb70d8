using System.Globalization;
using System.Text.RegularExpressions;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Telemetry;

/// <summary>
/// /metrics in the Prometheus text format, read as Prometheus would, before and after the actions that move it.
/// Counters are per process and other test classes run beside this one, so they are checked to have grown by at
/// least this class's own actions; the gauges read this host's database and are exact.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsTests(MetricsTests.Fixture app) : IClassFixture<MetricsTests.Fixture>
{
    private const string Token = "metrics-test-token-1";

    [Fact]
    public async Task Metrics_WithoutTheTokenFromAfar_Returns404()
    {
        (await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/metrics")).Status.ShouldBe(404);
        (await ScrapeAsync("Bearer wrong-token")).Status.ShouldBe(404);
        var scraped = await ScrapeAsync("Bearer " + Token);
        scraped.Status.ShouldBe(200);
        scraped.MediaType.ShouldBe("text/plain");
    }

    [Fact]
    public async Task Metrics_HttpRuntimeAndNpgsql_AreExposed()
    {
        await app.Api.ListClientsAsync();
        var text = await TextAsync();
        text.ShouldContain("http_server_request_duration_seconds_count{");
        text.ShouldMatch(@"(?m)^dotnet_gc_collections_total\{");
        text.ShouldMatch(@"(?m)^db_client_operation_duration_seconds_count\{|^db_client_connection_count\{");
    }

    [Fact]
    public async Task Metrics_OutboxDepthAndOldestAge_FollowTheRouterBacklog()
    {
        await using var back = await app.TimeTravelAsync();
        var router = await app.Api.AddRouterAsync();
        var label = $"router_id=\"{router}\"";
        Value(await TextAsync(), "mikronet_outbox_depth", label).ShouldBe(0);

        await app.Api.AddClientAsync(router);
        await app.Api.AddClientAsync(router);
        app.Clock.Advance(Duration.FromMinutes(10));
        var text = await TextAsync();

        Value(text, "mikronet_outbox_depth", label).ShouldBe(2);
        Value(text, "mikronet_outbox_oldest_age_seconds", label).ShouldBe(600);
        Value(text, "mikronet_outbox_failed", label).ShouldBe(0);
    }

    [Fact]
    public async Task Metrics_PaymentsInvoicesAndBillingRuns_Count()
    {
        var before = await TextAsync();
        var plan = await app.Api.AddPlanAsync(80_000m);
        // Started a month ago: its next period is due now.
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan, start: new LocalDate(2026, 10, 28));
        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        (await app.Api.PayAsync(invoice.InvoiceId, 30_000m, method: "cash")).Expect(201);
        (await app.Api.PayAsync(invoice.InvoiceId, 20_000m, method: "bank_transfer")).Expect(201);
        (await app.Api.GenerateInvoicesAsync(null)).Expect(200).Data.InvoicesRaised.ShouldBe(1);
        await app.BillingService().RunDueAsync(default);
        var after = await TextAsync();

        Grew(before, after, "mikronet_payments_total", "method=\"cash\"").ShouldBeGreaterThanOrEqualTo(1);
        Grew(before, after, "mikronet_payments_amount_total", "method=\"cash\"").ShouldBeGreaterThanOrEqualTo(30_000);
        Grew(before, after, "mikronet_payments_amount_total", "method=\"bank_transfer\"").ShouldBeGreaterThanOrEqualTo(20_000);
        Grew(before, after, "mikronet_invoices_raised_total", "").ShouldBeGreaterThanOrEqualTo(1);
        Grew(before, after, "mikronet_billing_runs_total", "result=\"success\"").ShouldBeGreaterThanOrEqualTo(1);
        Value(after, "mikronet_billing_run_duration_seconds_count", "result=\"success\"").ShouldBeGreaterThanOrEqualTo(1);
        Value(after, "mikronet_billing_last_success_seconds", "").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Metrics_DetailsReads_RecordedWithTheirBatchSizes()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());
        var before = await TextAsync();
        (await app.Api.ClientDetailsAsync(client)).Status.ShouldBe(200);
        (await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.Api.ClientDetailsAsync(client)))).ShouldAllBe(r => r.Status == 200);
        var after = await TextAsync();

        Grew(before, after, "mikronet_db_read_batch_size_sum", "").ShouldBeGreaterThanOrEqualTo(21);
        Grew(before, after, "mikronet_db_read_batch_size_count", "").ShouldBeGreaterThanOrEqualTo(2);
        Value(after, "mikronet_db_read_batch_size_bucket", "le=\"16\"").ShouldBe(Value(after, "mikronet_db_read_batch_size_count", ""));
    }

    [Fact]
    public async Task Metrics_PaymentsAtOnce_CountedOnceAndWithTheirSharedTransactions()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(80_000m);
        var invoices = new List<int>();
        for (var i = 0; i < 10; i++)
            invoices.Add((await app.Api.InvoicesAsync(await app.Api.AddClientAsync(router, planId: plan,
                start: new LocalDate(2026, 11, 25)))).Single().InvoiceId);
        var before = await TextAsync();
        (await Task.WhenAll(invoices.Select(i => app.Api.PayAsync(i, 1_000m, method: "e_wallet")))).ShouldAllBe(r => r.Status == 201);
        var after = await TextAsync();

        Grew(before, after, "mikronet_payments_total", "method=\"e_wallet\"").ShouldBe(10);
        Grew(before, after, "mikronet_db_shared_transaction_size_sum", "").ShouldBe(10);
        Grew(before, after, "mikronet_db_shared_transaction_size_count", "").ShouldBeInRange(1, 10);
    }

    [Fact]
    public async Task Metrics_RouterCheck_SetsReachability()
    {
        var router = await app.Api.AddRouterAsync();
        (await app.Api.CheckRouterAsync(router)).Expect(200).Data.Reachable.ShouldBeFalse();

        Value(await TextAsync(), "mikronet_router_reachable", $"router_id=\"{router}\"").ShouldBe(0);
    }

    [Fact]
    public async Task Metrics_DeliveryToAnUnreachableRouter_CountsRetriesAndMarksItUnreachable()
    {
        var router = await app.Api.AddRouterAsync();
        await app.Api.AddClientAsync(router);
        var before = await TextAsync();

        await using (var scope = app.Host.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<OutboxRound<RouterCommand>>().RunOnceAsync(default)).ShouldBeGreaterThan(0);
        var after = await TextAsync();

        var label = $"router_id=\"{router}\"";
        Grew(before, after, "mikronet_router_deliveries_total", label + ",result=\"retry\"").ShouldBeGreaterThanOrEqualTo(1);
        Grew(before, after, "mikronet_outbox_deliveries_total", "queue=\"router_commands\",result=\"retry\"")
            .ShouldBeGreaterThanOrEqualTo(1);
        Value(after, "mikronet_router_reachable", label).ShouldBe(0);
        Value(after, "mikronet_outbox_depth", label).ShouldBe(1);
    }

    private async Task<ApiResponse> ScrapeAsync(string authorization) =>
        await app.Api.Anonymous.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Get, "/metrics", null,
            [("Authorization", authorization)]);

    private async Task<string> TextAsync()
    {
        var response = await ScrapeAsync("Bearer " + Token);
        response.Status.ShouldBe(200);
        return response.Text;
    }

    private static double Grew(string before, string after, string name, string label) =>
        (ValueOrNull(after, name, label) ?? 0) - (ValueOrNull(before, name, label) ?? 0);

    private static double Value(string text, string name, string label) =>
        ValueOrNull(text, name, label) ?? throw new ShouldAssertException($"No {name} sample with {label} in:\n{text}");

    /// <summary>The sum of the samples of a metric that carry the labels of <paramref name="label"/> (a="1",b="2").</summary>
    private static double? ValueOrNull(string text, string name, string label)
    {
        // Every label=value pair asked for, in any order.
        var wanted = label.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var samples = Sample().Matches(text)
            .Where(m => m.Groups["name"].Value == name && wanted.All(w => m.Groups["labels"].Value.Split(',').Contains(w)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).ToList();
        return samples.Count == 0 ? null : samples.Sum();
    }

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();

    public sealed class Fixture : AppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("Metrics:Token", Token),
            new("Provisioning:ConnectTimeout", "00:00:00.200"),
        ];
    }
}
