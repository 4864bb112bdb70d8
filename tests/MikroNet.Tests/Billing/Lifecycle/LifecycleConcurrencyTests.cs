using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Lifecycle;

public sealed class LifecycleConcurrencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Generate_ThreeRunsWithChargesAndCreditNotesMeanwhile_NumbersStayGaplessAndMoneyExact()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        var clients = new List<int>();
        for (var i = 0; i < 12; i++) clients.Add(await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25)));
        foreach (var client in clients) await app.Api.PayAllAsync(client);
        // Half the clients have a charge waiting and credit to use.
        foreach (var client in clients.Take(6))
        {
            (await app.Api.AddChargeAsync(client, 40_000m, "Router")).Expect(201);
            (await app.Api.CreditInvoiceAsync((await app.Api.InvoicesAsync(client))[0].InvoiceId, 30_000m)).Expect(201);
        }

        var asOf = new LocalDate(2026, 12, 20);
        var generations = Enumerable.Range(0, 3).Select(_ => Task.Run(() => app.GenerateInProcessAsync(asOf))).ToList();
        // Meanwhile: invoices of their own (invoice numbers), credit notes (credit-note numbers) and charges for later.
        var meanwhile = clients.Skip(6).Select((client, k) => Task.Run(async () =>
        {
            (await app.Api.AddChargeAsync(client, 10_000m, "Cable", invoiceNow: true, key: $"race-now-{client}")).Expect(201);
            (await app.Api.CreditInvoiceAsync((await app.Api.InvoicesAsync(client))[0].InvoiceId, 5_000m + k,
                key: $"race-cn-{client}")).Expect(201);
        })).ToList();
        var raised = (await Task.WhenAll(generations)).SelectMany(r => r).ToList();
        await Task.WhenAll(meanwhile);

        // A charge invoiced at once is due before asOf: a client whose charge invoice committed before a run read it
        // is overdue as of asOf and rightly not renewed. Which of the six that is, is the race's; each is renewed at
        // most once, and the other six always.
        raised.Select(r => r.ClientId).ShouldBeUnique();
        raised.Select(r => r.ClientId).ShouldBeSubsetOf(clients);
        clients.Take(6).ShouldAllBe(c => raised.Any(r => r.ClientId == c));
        await using var db = app.Db();
        var invoiceNumbers = await db.Invoices.Where(i => i.NumberYear == 2026).Select(i => i.NumberSequence).OrderBy(n => n).ToListAsync();
        invoiceNumbers.ShouldBe(Enumerable.Range(1, invoiceNumbers.Count));
        invoiceNumbers.Count.ShouldBe(12 + 6 + raised.Count);
        var noteNumbers = await db.CreditNotes.Where(n => n.NumberYear == 2026).Select(n => n.NumberSequence).OrderBy(n => n).ToListAsync();
        noteNumbers.ShouldBe(Enumerable.Range(1, 12));

        // Every invoice is the sum of its lines; every balance is the sum of its ledger; the charges were billed once.
        (await db.Invoices.CountAsync(i => i.TotalAmount != db.InvoiceLines.Where(l => l.InvoiceId == i.Id).Sum(l => l.Amount)))
            .ShouldBe(0);
        (await db.Clients.CountAsync(c => c.CreditBalance != db.ClientCreditEntries.Where(e => e.ClientId == c.Id).Sum(e => e.Amount)))
            .ShouldBe(0);
        (await db.ClientCharges.CountAsync(c => c.InvoiceId == null)).ShouldBe(0);
        foreach (var r in raised.Where(r => clients.Take(6).Contains(r.ClientId)))
            (r.CreditApplied, r.TotalAmount).ShouldBe((30_000m, 110_000m));
    }
}
