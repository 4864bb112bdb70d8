using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Tax;

/// <summary>A VAT-registered provider: PPN 11 % on top of the prices.</summary>
public sealed class PpnFixture : AppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Billing:TaxRate", "0.11"), new("Billing:TaxName", "PPN")];
}

/// <summary>The same provider with prices that already contain the PPN.</summary>
public sealed class PpnIncludedFixture : AppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Billing:TaxRate", "0.11"), new("Billing:TaxName", "PPN"), new("Billing:PricesIncludeTax", "true")];
}

public sealed class TaxTests(PpnFixture app) : IClassFixture<PpnFixture>
{
    [Fact]
    public async Task Register_PpnOnTop_InvoiceShowsNetTaxAndGross()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(150_000m),
            start: new LocalDate(2026, 11, 25));

        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        (invoice.NetAmount, invoice.TaxAmount, invoice.TotalAmount, invoice.Balance)
            .ShouldBe((150_000m, 16_500m, 166_500m, 166_500m));
        invoice.Lines.Select(l => (l.Kind, l.Amount, l.Taxable)).ShouldBe([("period", 150_000m, true), ("tax", 16_500m, false)]);
        invoice.Lines[1].Description.ShouldBe("PPN 11%");
    }

    [Fact]
    public async Task Generate_PpnOnTop_RenewalIsTaxedAndRoundedToTheRupiah()
    {
        // 99,999 × 11 % = 10,999.89 → 11,000 (whole rupiah).
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(99_999m),
            start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);

        var raised = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        (raised.NetAmount, raised.TaxAmount, raised.TotalAmount).ShouldBe((99_999m, 11_000m, 110_999m));
        var renewal = (await app.Api.InvoicesAsync(client))[1];
        renewal.Lines.Sum(l => l.Amount).ShouldBe(110_999m);
        renewal.TotalAmount.ShouldBe(110_999m);
    }

    [Fact]
    public async Task Generate_TaxedAndUntaxedCharges_OnlyTaxableLinesAreTaxed()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(100_000m),
            start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);
        (await app.Api.AddChargeAsync(client, 200_000m, "Router")).Expect(201);
        (await app.Api.AddChargeAsync(client, 5_000m, "Stamp duty (bea meterai)", taxable: false)).Expect(201);

        var raised = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        (raised.NetAmount, raised.TaxAmount, raised.TotalAmount).ShouldBe((305_000m, 33_000m, 338_000m));
        var renewal = (await app.Api.InvoicesAsync(client))[1];
        renewal.Lines.Select(l => (l.Kind, l.Amount, l.Taxable)).ShouldBe([
            ("period", 100_000m, true), ("charge", 200_000m, true), ("charge", 5_000m, false), ("tax", 33_000m, false),
        ]);
    }

    [Fact]
    public async Task Pay_TaxedInvoice_PaysTheGross()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(100_000m),
            start: new LocalDate(2026, 11, 25));
        var invoice = (await app.Api.InvoicesAsync(client)).Single();

        (await app.Api.PayAsync(invoice.InvoiceId, 111_000.01m)).Status.ShouldBe(422);
        (await app.Api.PayAsync(invoice.InvoiceId, 111_000m)).Expect(201).Data.Invoice.InvoiceStatus.ShouldBe("paid");
    }
}

public sealed class TaxIncludedTests(PpnIncludedFixture app) : IClassFixture<PpnIncludedFixture>
{
    [Fact]
    public async Task Register_PricesIncludePpn_TaxIsTakenOutOfThePrice()
    {
        // 150,000 × 11 / 111 = 14,864.86 → 14,865; the period line keeps the rest, 135,135.
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(150_000m),
            start: new LocalDate(2026, 11, 25));

        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        (invoice.NetAmount, invoice.TaxAmount, invoice.TotalAmount).ShouldBe((135_135m, 14_865m, 150_000m));
        invoice.Lines.Select(l => (l.Kind, l.Amount)).ShouldBe([("period", 135_135m), ("tax", 14_865m)]);
    }
}
