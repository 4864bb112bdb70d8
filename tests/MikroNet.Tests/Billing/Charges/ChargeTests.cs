using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Charges;

public sealed class ChargeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<int> PayingClientAsync(decimal price = 100_000m)
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(price),
            start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);
        return client;
    }

    [Fact]
    public async Task Charge_ForTheNextInvoice_IsALineOfTheRenewalAndBilledOnce()
    {
        var client = await PayingClientAsync();
        var charge = (await app.Api.AddChargeAsync(client, 250_000m, "Router hAP ax2")).Expect(201).Data;
        (charge.Charge.InvoiceId, charge.Invoice).ShouldBe((null, null));

        var raised = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        raised.TotalAmount.ShouldBe(350_000m);
        (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).ShouldNotContain(r => r.ClientId == client);

        var renewal = (await app.Api.InvoicesAsync(client))[1];
        renewal.Lines.Select(l => (l.Kind, l.Description, l.Amount)).Skip(1).ShouldBe([("charge", "Router hAP ax2", 250_000m)]);
        renewal.TotalAmount.ShouldBe(renewal.Lines.Sum(l => l.Amount));
        await using var db = app.Db();
        (await db.ClientCharges.SingleAsync(c => c.Id == charge.Charge.ChargeId)).InvoiceId.ShouldBe(renewal.InvoiceId);
    }

    [Fact]
    public async Task Charge_InvoiceNow_RaisesAnInvoiceOfItsOwnDueAfterThePaymentTerm()
    {
        var client = await PayingClientAsync();
        var answer = (await app.Api.AddChargeAsync(client, 75_000m, "Cable repair", invoiceNow: true)).Expect(201).Data;

        answer.Invoice.ShouldNotBeNull().TotalAmount.ShouldBe(75_000m);
        answer.Charge.InvoiceId.ShouldBe(answer.Invoice.InvoiceId);
        var invoices = await app.Api.InvoicesAsync(client);
        var own = invoices.Single(i => i.InvoiceId == answer.Invoice.InvoiceId);
        (own.InvoiceDate, own.DueDate).ShouldBe((new LocalDate(2026, 11, 25), new LocalDate(2026, 12, 4)));
        own.Lines.Select(l => (l.Kind, l.Description, l.Amount)).ShouldBe([("charge", "Cable repair", 75_000m)]);
        own.Number.ShouldMatch(@"^INV-2026-\d{6}$");

        // Billed already: the renewal does not bill it again (once the charge invoice is paid, it renews).
        await app.Api.PayAllAsync(client);
        var raised = (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).Single(r => r.ClientId == client);
        raised.TotalAmount.ShouldBe(100_000m);
    }

    [Fact]
    public async Task Register_WithAnInstallationFee_FirstInvoiceBillsPeriodAndInstallation()
    {
        var request = Driver.Api.NewClient(await app.Api.AddRouterAsync(), Driver.Api.Unique("c"));
        request.PlanId = await app.Api.AddPlanAsync(150_000m);
        request.InstallationFee = 300_000m;
        var client = (await app.Api.RegisterClientAsync(request)).Expect(201).Data.ClientId;

        var invoice = (await app.Api.InvoicesAsync(client)).Single();
        invoice.Lines.Select(l => (l.Kind, l.Description, l.Amount)).Skip(1).ShouldBe([("charge", "Installation", 300_000m)]);
        invoice.TotalAmount.ShouldBe(450_000m);

        request = Driver.Api.NewClient(request.RouterId!.Value, Driver.Api.Unique("c"));
        request.InstallationFee = 300_000m;
        (await app.Api.RegisterClientAsync(request)).Status.ShouldBe(400);
        request.PlanId = await app.Api.AddPlanAsync();
        request.InstallationFee = 0.5m;
        (await app.Api.RegisterClientAsync(request)).Status.ShouldBe(422);
    }

    [Fact]
    public async Task Charge_BadRequests_AreRefusedAndWriteNothing()
    {
        var client = await PayingClientAsync();
        (await app.Api.AddChargeAsync(client, 0m)).Status.ShouldBe(400);
        (await app.Api.AddChargeAsync(client, -10m)).Status.ShouldBe(400);
        (await app.Api.AddChargeAsync(client, null)).Status.ShouldBe(400);
        (await app.Api.AddChargeAsync(client, 10m, description: " ")).Status.ShouldBe(400);
        (await app.Api.AddChargeAsync(client, 10m, description: new string('d', 201))).Status.ShouldBe(400);
        (await app.Api.AddChargeAsync(client, 1_000_000_000_000m)).Status.ShouldBe(400);
        (await app.Api.AddChargeAsync(client, 10.25m)).Status.ShouldBe(422);
        (await app.Api.AddChargeAsync(999_999, 10m)).Status.ShouldBe(404);
        var planless = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());
        (await app.Api.AddChargeAsync(planless, 10m)).Status.ShouldBe(409);
        (await app.Api.As(await app.Api.OperatorTokenAsync(Driver.Api.Unique("op"))).AddChargeAsync(client, 10m)).Status
            .ShouldBe(403);
        await using var db = app.Db();
        (await db.ClientCharges.CountAsync(c => c.ClientId == client || c.ClientId == planless)).ShouldBe(0);
    }

    [Fact]
    public async Task Charge_ReplayedKeyFiveAtOnce_ChargesOnce()
    {
        var client = await PayingClientAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            app.Api.AddChargeAsync(client, 50_000m, invoiceNow: true, key: $"charge-{client}"))));
        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Text).Distinct().Count().ShouldBe(1);
        (await app.Api.AddChargeAsync(client, 60_000m, invoiceNow: true, key: $"charge-{client}")).Status.ShouldBe(409);
        await using var db = app.Db();
        (await db.ClientCharges.CountAsync(c => c.ClientId == client)).ShouldBe(1);
        (await app.Api.InvoicesAsync(client)).Count.ShouldBe(2);
    }
}
