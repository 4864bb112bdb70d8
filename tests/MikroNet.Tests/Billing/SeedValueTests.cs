using System.Text.RegularExpressions;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>Values as the seed writes them: `payment_status: "success"`, money with two decimals everywhere.</summary>
public sealed partial class SeedValueTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pay_RecordedPayment_StatusIsSuccessInRestAndGraph()
    {
        var client = await ClientAsync(150_000m);
        var invoice = (await app.Api.InvoicesAsync(client))[0].InvoiceId;

        var paid = await app.Api.PayAsync(invoice, 150_000m);

        paid.Expect(201).Body.Data.Payment.PaymentStatus.ShouldBe("success");
        (await app.Api.InvoicesAsync(client))[0].Payments.ShouldHaveSingleItem().PaymentStatus.ShouldBe("success");
        var graph = await app.Api.GraphAsync(
            $"{{ client(clientId: {client}) {{ subscriptions {{ invoices {{ payments {{ paymentStatus }} }} }} }} }}");
        graph.Text.ShouldContain("\"paymentStatus\":\"SUCCESS\"");
    }

    [Fact]
    public async Task Answers_EveryMoneyValue_HasTwoDecimals()
    {
        var client = await ClientAsync(150_000m);
        var invoice = (await app.Api.InvoicesAsync(client))[0].InvoiceId;

        string[] answers =
        [
            (await app.Api.ListPlansAsync()).Expect(200).Text,
            (await app.Api.ClientDetailsAsync(client)).Expect(200).Text,
            (await app.Api.CreatePlanAsync(Api.NewPlan(99_999.5m))).Expect(201).Text,
            (await app.Api.PayAsync(invoice, 40_000.5m)).Expect(201).Text,
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
        var invoice = (await app.Api.InvoicesAsync(client))[0].InvoiceId;

        var first = (await app.Api.PayAsync(invoice, 1_000m, key: "replay-money-1")).Expect(201).Text;
        var replay = (await app.Api.PayAsync(invoice, 1_000m, key: "replay-money-1")).Expect(201).Text;

        replay.ShouldBe(first);
        first.ShouldContain("\"amount\":1000.00");
    }

    private async Task<int> ClientAsync(decimal price) =>
        await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(price),
            start: new LocalDate(2026, 11, 25));

    [GeneratedRegex("\"(price|amount|total_amount|amount_paid|balance)\":(-?[0-9.]+)")]
    private static partial Regex MoneyField();

    [GeneratedRegex(@"^-?[0-9]+\.[0-9]{2}$")]
    private static partial Regex TwoDecimals();
}
