using System.Text.Json;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>The acceptance path, through REST only.</summary>
public sealed class BillingEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);

    [Fact]
    public async Task Billing_FullCycleOverRest_RenewsPaysIsolatesAndRestores()
    {
        var router = await _billing.RouterAsync();
        var plan = await _billing.PlanAsync(150_000m);
        var client = await _billing.ClientAsync(router, plan, new LocalDate(2026, 11, 25));
        var end = new LocalDate(2026, 12, 24);

        // The first period's own invoice (due Dec 4) must be settled, or the client is overdue by the renewal day.
        var first = (await _billing.InvoicesAsync(client)).ShouldHaveSingleItem();
        first.GetProperty("due_date").GetString().ShouldBe("2026-12-04");
        (await _billing.PayAsync(first.GetProperty("invoice_id").GetInt32(), 150_000m, key: "e2e-first")).Status.ShouldBe(201);

        (await _billing.GenerateAsync(end.PlusDays(-5))).GetProperty("invoices_raised").GetInt32().ShouldBe(0);
        var raised = (await _billing.GenerateAsync(end.PlusDays(-4))).GetProperty("invoices").EnumerateArray().ToList();
        var renewal = raised.ShouldHaveSingleItem();
        renewal.GetProperty("client_id").GetInt32().ShouldBe(client);
        renewal.GetProperty("start_date").GetString().ShouldBe("2026-12-25");
        renewal.GetProperty("end_date").GetString().ShouldBe("2027-01-24");
        renewal.GetProperty("invoice_date").GetString().ShouldBe("2026-12-20");
        renewal.GetProperty("due_date").GetString().ShouldBe("2026-12-24");
        (await _billing.GenerateAsync(end.PlusDays(-4))).GetProperty("invoices_raised").GetInt32().ShouldBe(0);

        var renewalId = renewal.GetProperty("invoice_id").GetInt32();
        (await _billing.PayAsync(renewalId, 50_000m, key: "e2e-part")).Body.GetProperty("data")
            .GetProperty("invoice").GetProperty("invoice_status").GetString().ShouldBe("partially_paid");
        (await _billing.PayAsync(renewalId, 100_000m, key: "e2e-rest")).Body.GetProperty("data")
            .GetProperty("invoice").GetProperty("invoice_status").GetString().ShouldBe("paid");

        var details = await _billing.DetailsAsync(client);
        var subscriptions = details.GetProperty("subscriptions").EnumerateArray().ToList();
        subscriptions.Count.ShouldBe(2);
        subscriptions[1].GetProperty("start_date").GetString().ShouldBe("2026-12-25");
        subscriptions[1].GetProperty("status").GetString().ShouldBe("active");
        var paidInvoice = subscriptions[1].GetProperty("invoices")[0];
        paidInvoice.GetProperty("invoice_status").GetString().ShouldBe("paid");
        paidInvoice.GetProperty("payments").GetArrayLength().ShouldBe(2);
        paidInvoice.GetProperty("payments")[0].GetProperty("payment_status").GetString().ShouldBe("success");
        paidInvoice.GetProperty("payments")[0].GetProperty("payment_method").GetString().ShouldBe("cash");
        paidInvoice.GetProperty("payments")[0].GetProperty("payment_date").GetString().ShouldBe("2026-11-25");

        // The third period is raised on Jan 20, 2027 and falls due on Jan 24; grace runs to Jan 27.
        var third = (await _billing.GenerateAsync(new LocalDate(2027, 1, 20))).GetProperty("invoices")[0];
        third.GetProperty("number").GetString().ShouldBe("INV-2027-000001");
        (await EnforceAsync("2027-01-27")).GetProperty("clients_isolated").GetInt32().ShouldBe(0);
        (await EnforceAsync("2027-01-28")).GetProperty("clients_isolated").GetInt32().ShouldBe(1);
        (await _billing.DetailsAsync(client)).GetProperty("client").GetProperty("status").GetString().ShouldBe("isolated");
        (await _billing.GenerateAsync(new LocalDate(2027, 2, 20))).GetProperty("invoices_raised").GetInt32().ShouldBe(0);

        var (status, body) = await _billing.PayAsync(third.GetProperty("invoice_id").GetInt32(), 150_000m, key: "e2e-third");
        status.ShouldBe(201, body.ToString());
        body.GetProperty("data").GetProperty("client_restored").GetBoolean().ShouldBeTrue();
        (await _billing.DetailsAsync(client)).GetProperty("client").GetProperty("status").GetString().ShouldBe("active");
    }

    private async Task<JsonElement> EnforceAsync(string asOf)
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/invoices/enforce", new { as_of = asOf });
        status.ShouldBe(200, body.ToString());
        return body.GetProperty("data");
    }
}
