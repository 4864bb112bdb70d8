using System.Text.Json;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>The read side asks billing's overdue rule (the invoice_is_overdue function) as of today.</summary>
public sealed class InvoiceOverdueTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);

    /// <summary>Logs in at the fake clock's time: tokens expire by it.</summary>
    private async Task<JsonElement> InvoiceAsync(int clientId)
    {
        var token = await app.LoginAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        var response = await app.PostAsync("/graphql", new
        {
            query = "query($c: Int!) { client(clientId: $c) { subscriptions { invoices { invoiceStatus overdue } } } }",
            variables = new { c = clientId },
        }, token);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        ((int)response.StatusCode).ShouldBe(200, body.ToString());
        return body.GetProperty("data").GetProperty("client").GetProperty("subscriptions")[0].GetProperty("invoices")[0];
    }

    [Fact]
    public async Task Overdue_PastGraceBeforeAndAfterEnforcementThenPaid_FollowsTheRule()
    {
        await using var travel = await _billing.TimeTravelAsync();
        var client = await _billing.ClientAsync(await _billing.RouterAsync(), await _billing.PlanAsync(100_000m),
            new LocalDate(2026, 11, 25));
        var invoiceId = (await _billing.InvoicesAsync(client))[0].GetProperty("invoice_id").GetInt32();

        // Due Dec 4, three grace days: Dec 7 (Jakarta) is still within grace.
        _billing.SetUtc(2026, 12, 7, 3);
        (await InvoiceAsync(client)).GetProperty("overdue").GetBoolean().ShouldBeFalse();

        // Dec 8: overdue by the rule although no enforcement run has marked it yet.
        _billing.SetUtc(2026, 12, 8, 3);
        var unmarked = await InvoiceAsync(client);
        (unmarked.GetProperty("invoiceStatus").GetString(), unmarked.GetProperty("overdue").GetBoolean())
            .ShouldBe(("PENDING", true));

        await _billing.EnforceAsync(new LocalDate(2026, 12, 8));
        var marked = await InvoiceAsync(client);
        (marked.GetProperty("invoiceStatus").GetString(), marked.GetProperty("overdue").GetBoolean())
            .ShouldBe(("OVERDUE", true));

        var token = await app.LoginAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        (await app.PostAsync($"/invoices/{invoiceId}/payments", new { amount = 100_000m, payment_method = "cash" }, token))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var paid = await InvoiceAsync(client);
        (paid.GetProperty("invoiceStatus").GetString(), paid.GetProperty("overdue").GetBoolean())
            .ShouldBe(("PAID", false));
    }
}
