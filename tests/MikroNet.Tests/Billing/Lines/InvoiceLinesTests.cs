using MikroNet.Features.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Lines;

/// <summary>Invoices carry lines and their total is the lines' sum; with no tax configured there is no tax line.</summary>
public sealed class InvoiceLinesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_WithPlan_FirstInvoiceHasOnePeriodLine()
    {
        var plan = (await app.Api.CreatePlanAsync(Driver.Api.NewPlan(150_000m, name: "Home 10M lines"))).Expect(201).Data;
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan.PlanId,
            start: new LocalDate(2026, 11, 25));

        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        invoice.Lines.Count.ShouldBe(1);
        var line = invoice.Lines[0];
        (line.Kind, line.Description, line.Amount, line.Taxable)
            .ShouldBe(("period", "Home 10M lines, 2026-11-25 – 2026-12-24", 150_000m, true));
        (invoice.NetAmount, invoice.TaxAmount, invoice.TotalAmount).ShouldBe((150_000m, 0m, 150_000m));
    }

    [Fact]
    public async Task Generate_Renewal_PeriodLineEqualsTheCSharpText()
    {
        var plan = (await app.Api.CreatePlanAsync(Driver.Api.NewPlan(200_000m, name: "Home 20M lines"))).Expect(201).Data;
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: plan.PlanId,
            start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);

        (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).ShouldContain(r => r.ClientId == client);

        var renewal = (await app.Api.InvoicesAsync(client))[1];
        renewal.Lines.Select(l => (l.Kind, l.Description, l.Amount)).ShouldBe([
            ("period", InvoiceLineText.Period("Home 20M lines", new LocalDate(2026, 12, 25), new LocalDate(2027, 1, 24)),
                200_000m),
        ]);
        renewal.TotalAmount.ShouldBe(renewal.Lines.Sum(l => l.Amount));
    }

    [Fact]
    public async Task Graph_InvoiceLines_AreListedWithNetTaxAndTotal()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(99_000m),
            start: new LocalDate(2026, 11, 25));
        var answer = await app.Api.GraphAsync("""
            query($c: Int!) { client(clientId: $c) { subscriptions { invoices {
              netAmount taxAmount totalAmount lines { kind description amount taxable } } } } }
            """, new { c = client });
        answer.Status.ShouldBe(200, answer.Text);
        var invoice = answer.Data.Client!.Subscriptions![0].Invoices![0];
        (invoice.NetAmount, invoice.TaxAmount, invoice.TotalAmount).ShouldBe((99_000m, 0m, 99_000m));
        invoice.Lines!.Single().Kind.ShouldBe("PERIOD");
    }
}
