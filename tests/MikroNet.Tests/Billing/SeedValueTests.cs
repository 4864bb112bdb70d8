using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>Values as the seed writes them: `payment_status: "success"`, money with two decimals everywhere.</summary>
public sealed partial class SeedValueTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly BillingDriver _billing = new(app);

    [Fact]
    public async Task Pay_RecordedPayment_StatusIsSuccessInRestAndGraph()
    {
        var client = await ClientAsync(150_000m);
        var invoice = (await _billing.InvoicesAsync(client))[0].GetProperty("invoice_id").GetInt32();

        var (status, body) = await _billing.PayAsync(invoice, 150_000m);

        status.ShouldBe(201, body.ToString());
        body.GetProperty("data").GetProperty("payment").GetProperty("payment_status").GetString().ShouldBe("success");
        var details = await _billing.DetailsAsync(client);
        details.GetProperty("subscriptions")[0].GetProperty("invoices")[0].GetProperty("payments")[0]
            .GetProperty("payment_status").GetString().ShouldBe("success");
        var graph = await GraphAsync($"{{ client(clientId: {client}) {{ subscriptions {{ invoices {{ payments {{ paymentStatus }} }} }} }} }}");
        graph.ShouldContain("\"paymentStatus\":\"SUCCESS\"");
    }

    [Fact]
    public async Task Answers_EveryMoneyValue_HasTwoDecimals()
    {
        var client = await ClientAsync(150_000m);
        var invoice = (await _billing.InvoicesAsync(client))[0].GetProperty("invoice_id").GetInt32();
        var token = await app.AdminTokenAsync();

        string[] answers =
        [
            await TextAsync(await app.SendAsync(HttpMethod.Get, "/plans", null, token)),
            await TextAsync(await app.SendAsync(HttpMethod.Get, $"/client/{client}/details", null, token)),
            await TextAsync(await app.SendAsync(HttpMethod.Post, "/plans",
                new { name = "Seed 2", price = 99_999.5m, period_months = 1, ppp_profile = "seed" }, token)),
            await PaymentTextAsync(invoice, 40_000.5m),
        ];

        foreach (var answer in answers)
        {
            var money = MoneyField().Matches(answer).Select(m => m.Groups[2].Value).ToList();
            money.ShouldNotBeEmpty(answer);
            money.ShouldAllBe(v => TwoDecimals().IsMatch(v), answer);
        }
        answers[1].ShouldContain("\"total_amount\":150000.00");
        answers[2].ShouldContain("\"price\":99999.50");
        answers[3].ShouldContain("\"amount\":40000.50");
    }

    [Fact]
    public async Task Pay_ReplayedKey_ReplaysTheSameTwoDecimalBody()
    {
        var client = await ClientAsync(99_000m);
        var invoice = (await _billing.InvoicesAsync(client))[0].GetProperty("invoice_id").GetInt32();

        var first = await PaymentTextAsync(invoice, 1_000m, "replay-money-1");
        var replay = await PaymentTextAsync(invoice, 1_000m, "replay-money-1");

        replay.ShouldBe(first);
        first.ShouldContain("\"amount\":1000.00");
    }

    private async Task<int> ClientAsync(decimal price) =>
        await _billing.ClientAsync(await _billing.RouterAsync(), await _billing.PlanAsync(price), new LocalDate(2026, 11, 25));

    private async Task<string> PaymentTextAsync(int invoice, decimal amount, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/invoices/{invoice}/payments")
        {
            Content = JsonContent.Create(new { amount, payment_method = "cash" }),
        };
        request.Headers.Authorization = new("Bearer", await app.AdminTokenAsync());
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await TextAsync(await app.Host.Server.CreateClient().SendAsync(request));
    }

    private async Task<string> GraphAsync(string query)
    {
        var response = await app.SendAsync(HttpMethod.Post, "/graphql", new { query }, await app.AdminTokenAsync());
        return await TextAsync(response);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeLessThan(300, text);
        return text;
    }

    [GeneratedRegex("\"(price|amount|total_amount|amount_paid|balance)\":(-?[0-9.]+)")]
    private static partial Regex MoneyField();

    [GeneratedRegex(@"^-?[0-9]+\.[0-9]{2}$")]
    private static partial Regex TwoDecimals();
}
