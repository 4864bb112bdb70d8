using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Billing.Tax;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Lifecycle;

/// <summary>
/// One customer's month as the accountant reads it, at a VAT-registered provider (PPN 11 % on top of the prices):
///
/// | day    | what happens                                   | document        | lines (IDR)                                             | total    |
/// |--------|------------------------------------------------|-----------------|---------------------------------------------------------|----------|
/// | Nov 25 | Budi registers on Home 10M, installation fee    | INV-2026-000001 | period 150,000 + installation 300,000 + PPN 49,500       | 499,500  |
/// | Nov 25 | the installation is charged again by mistake   | INV-2026-000002 | installation 300,000 + PPN 33,000                        | 333,000  |
/// | Nov 25 | … and that duplicate is voided                 | INV-2026-000002 | void; the number stays taken                             | —        |
/// | Nov 26 | Budi pays INV-1 by bank transfer               | payment         | 499,500                                                  | paid     |
/// | Dec 10 | upgrade to Home 20M now (15 of 30 days left)   | proration       | (250,000 − 150,000) × 15 / 30 = 50,000 for the next bill | —        |
/// | Dec 15 | three days' outage credited                    | CN-2026-000001  | 20,000 on INV-1, paid already: all client credit         | —        |
/// | Dec 20 | billing run: the renewal                       | INV-2026-000003 | period 250,000 + proration 50,000 + PPN 33,000 − credit 20,000 | 313,000 |
/// | Dec 21 | Budi cancels at the end of the period          | INV-2026-000003 | void (the period Dec 25 – Jan 24 is never served); credit back | —  |
/// |        |                                                | INV-2026-000004 | final bill: proration 50,000 + PPN 5,500 − credit 20,000 | 35,500   |
/// | Dec 22 | Budi pays the final bill                       | payment         | 35,500                                                   | paid     |
/// | Dec 25 | first day without service                      | router          | secret removed, session ended; client cancelled          | —        |
///
/// Received 535,000 = billed and kept 499,500 + 55,500 − the outage credit 20,000.
/// </summary>
public sealed class FullMonthTests(PpnFixture app) : IClassFixture<PpnFixture>
{
    private static LocalDate Day(int month, int day) => new(2026, month, day);

    [Fact]
    public async Task FullMonth_RegisterUpgradeCreditVoidPayCancel_BooksWhatAnAccountantExpects()
    {
        await using var travel = await app.TimeTravelAsync();
        var api = app.Api;
        var router = await api.AddRouterAsync();
        var home10 = (await api.CreatePlanAsync(Driver.Api.NewPlan(150_000m, name: "Home 10M"))).Expect(201).Data.PlanId;
        var home20 = (await api.CreatePlanAsync(Driver.Api.NewPlan(250_000m, name: "Home 20M"))).Expect(201).Data.PlanId;

        var registration = Driver.Api.NewClient(router, "budi");
        (registration.PlanId, registration.StartDate, registration.InstallationFee) = (home10, Day(11, 25), 300_000m);
        var budi = (await api.RegisterClientAsync(registration)).Expect(201).Data.ClientId;
        var duplicate = (await api.AddChargeAsync(budi, 300_000m, "Installation", invoiceNow: true)).Expect(201).Data.Invoice!;
        (await api.VoidInvoiceAsync(duplicate.InvoiceId, "Duplicate installation charge")).Expect(200);
        var first = (await api.InvoicesAsync(budi))[0];
        (await app.OnDayAsync(Day(11, 26), a => a.PayAsync(first.InvoiceId, 499_500m, method: "bank_transfer"))).Expect(201);
        var upgrade = (await app.OnDayAsync(Day(12, 10), a => a.ChangePlanAsync(budi, home20, "now"))).Expect(200).Data;
        upgrade.Prorations.Single().Amount.ShouldBe(50_000m);
        var outage = (await app.OnDayAsync(Day(12, 15), a => a.CreditInvoiceAsync(first.InvoiceId, 20_000m, "Outage Dec 12-14")))
            .Expect(201).Data.CreditNote;
        (outage.Number, outage.AppliedToInvoice, outage.ToClientCredit).ShouldBe(("CN-2026-000001", 0m, 20_000m));
        var renewal = (await app.GenerateInProcessAsync(Day(12, 20))).Single();
        (renewal.Number, renewal.NetAmount, renewal.TaxAmount, renewal.CreditApplied, renewal.TotalAmount)
            .ShouldBe(("INV-2026-000003", 300_000m, 33_000m, 20_000m, 313_000m));
        var cancel = (await app.OnDayAsync(Day(12, 21), a => a.CancelClientAsync(budi, "end_of_period", "Moving to Surabaya")))
            .Expect(200).Data;
        (cancel.CancelOn, cancel.VoidedInvoices.Single()).ShouldBe((Day(12, 25), "INV-2026-000003"));
        var final = cancel.FinalInvoice.ShouldNotBeNull();
        (final.Number, final.TotalAmount).ShouldBe(("INV-2026-000004", 35_500m));
        (await app.OnDayAsync(Day(12, 22), a => a.PayAsync(final.InvoiceId, 35_500m, method: "e_wallet"))).Expect(201);
        (await app.EnforceInProcessAsync(Day(12, 25))).CancelledClientIds.ShouldBe([budi]);

        // The invoices, their lines and balances.
        var invoices = (await api.InvoicesAsync(budi)).OrderBy(i => i.Number).ToList();
        invoices.Select(i => (i.Number, i.InvoiceStatus, i.NetAmount, i.TaxAmount, i.TotalAmount, i.AmountPaid, i.Balance))
            .ShouldBe([
                ("INV-2026-000001", "paid", 450_000m, 49_500m, 499_500m, 499_500m, 0m),
                ("INV-2026-000002", "void", 300_000m, 33_000m, 333_000m, 0m, 333_000m),
                ("INV-2026-000003", "void", 300_000m, 33_000m, 313_000m, 0m, 313_000m),
                ("INV-2026-000004", "paid", 50_000m, 5_500m, 35_500m, 35_500m, 0m),
            ]);
        invoices.ShouldAllBe(i => i.Lines.Sum(l => l.Amount) == i.TotalAmount);
        invoices[0].Lines.Select(l => (l.Kind, l.Description, l.Amount)).ShouldBe([
            ("period", "Home 10M, 2026-11-25 – 2026-12-24", 150_000m), ("charge", "Installation", 300_000m),
            ("tax", "PPN 11%", 49_500m),
        ]);
        invoices[2].Lines.Select(l => (l.Kind, l.Amount)).ShouldBe([
            ("period", 250_000m), ("proration", 50_000m), ("tax", 33_000m), ("credit", -20_000m),
        ]);
        invoices[3].Lines.Select(l => (l.Kind, l.Amount)).ShouldBe([("proration", 50_000m), ("tax", 5_500m), ("credit", -20_000m)]);
        invoices[3].Lines[0].Description.ShouldBe("Upgrade to Home 20M from 2026-12-10: 15 of 30 days");

        // The client: cancelled, nothing owed either way, its periods.
        var details = (await api.ClientDetailsAsync(budi)).Data;
        (details.Client.Status, details.Client.CreditBalance, details.Client.PlanId).ShouldBe(("cancelled", 0m, home20));
        details.Subscriptions.Select(s => (s.StartDate, s.Status)).ShouldBe([(Day(11, 25), "active"), (Day(12, 25), "cancelled")]);

        await using var db = app.Db();
        // Money: received 535,000; the credit ledger nets to zero (given 20,000, used, returned with the void, used again).
        (await db.Payments.Where(p => p.Invoice!.ClientId == budi).SumAsync(p => p.Amount)).ShouldBe(535_000m);
        (await db.ClientCreditEntries.Where(e => e.ClientId == budi).OrderBy(e => e.Id).Select(e => new { e.Kind, e.Amount })
            .ToListAsync()).Select(e => (e.Kind, e.Amount)).ShouldBe([
                (ClientCreditKind.CreditNote, 20_000m), (ClientCreditKind.Applied, -20_000m),
                (ClientCreditKind.Returned, 20_000m), (ClientCreditKind.Applied, -20_000m),
            ]);

        // The router: the secret on registration, the 20M profile on Dec 10, removed on Dec 25.
        (await app.CommandsOfAsync(budi)).Select(c => c.Kind).ShouldBe([
            RouterCommandKind.SyncSecret, RouterCommandKind.SyncSecret, RouterCommandKind.RemoveSecret,
            RouterCommandKind.KickSession,
        ]);

        // The audit trail, in order.
        var invoiceIds = invoices.Select(i => i.InvoiceId.ToString()).ToList();
        (await db.AuditEntries.Where(a => (a.EntityType == "client" && a.EntityId == budi.ToString())
                || (a.EntityType == "invoice" && invoiceIds.Contains(a.EntityId)))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()).ShouldBe([
                "client.registered", "charge.added", "invoice.voided", "payment.recorded", "client.plan_changed",
                "credit_note.issued", "invoice.voided", "client.cancel_scheduled", "payment.recorded", "client.cancelled",
            ]);
    }
}
