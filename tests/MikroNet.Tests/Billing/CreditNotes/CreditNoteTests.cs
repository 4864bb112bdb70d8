using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.CreditNotes;

public sealed class CreditNoteTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(int Client, int Invoice)> ClientWithInvoiceAsync(decimal price = 100_000m)
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(price),
            start: new LocalDate(2026, 11, 25));
        return (client, (await app.Api.InvoicesAsync(client))[0].InvoiceId);
    }

    private async Task<decimal> CreditBalanceAsync(int client) =>
        (await app.Api.ClientDetailsAsync(client)).Data.Client.CreditBalance;

    [Fact]
    public async Task Credit_PartOfAnOpenInvoice_LowersItsBalanceWithACreditLine()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        var answer = (await app.Api.CreditInvoiceAsync(invoice, 20_000m, "Outage 3 days")).Expect(201).Data;

        answer.CreditNote.Number.ShouldMatch(@"^CN-2026-\d{6}$");
        (answer.CreditNote.AppliedToInvoice, answer.CreditNote.ToClientCredit).ShouldBe((20_000m, 0m));
        (answer.Invoice.TotalAmount, answer.Invoice.Balance, answer.Invoice.InvoiceStatus).ShouldBe((80_000m, 80_000m, "pending"));
        var saved = (await app.Api.InvoicesAsync(client))[0];
        saved.Lines.Select(l => (l.Kind, l.Amount)).ShouldBe([("period", 100_000m), ("credit", -20_000m)]);
        saved.Lines[1].Description.ShouldBe($"Credit note {answer.CreditNote.Number}: Outage 3 days");
        (await CreditBalanceAsync(client)).ShouldBe(0m);
    }

    [Fact]
    public async Task Credit_BeyondTheBalance_TheRestBecomesClientCredit()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        (await app.Api.PayAsync(invoice, 70_000m)).Expect(201);

        var answer = (await app.Api.CreditInvoiceAsync(invoice, 50_000m)).Expect(201).Data;
        (answer.CreditNote.AppliedToInvoice, answer.CreditNote.ToClientCredit).ShouldBe((30_000m, 20_000m));
        (answer.Invoice.TotalAmount, answer.Invoice.InvoiceStatus).ShouldBe((70_000m, "paid"));
        (await CreditBalanceAsync(client)).ShouldBe(20_000m);
        var shown = (await app.Api.InvoicesAsync(client))[0].CreditNotes.ShouldHaveSingleItem();
        (shown.Number, shown.Amount, shown.ToClientCredit).ShouldBe((answer.CreditNote.Number, 50_000m, 20_000m));
        var graph = await app.Api.GraphAsync("query($c: Int!) { client(clientId: $c) { creditBalance } }", new { c = client });
        graph.Data.Client!.CreditBalance.ShouldBe(20_000m);
        await using var db = app.Db();
        (await db.ClientCreditEntries.Where(e => e.ClientId == client).SumAsync(e => e.Amount)).ShouldBe(20_000m);
    }

    [Fact]
    public async Task Generate_ClientWithCredit_CreditIsUsedOnTheNextInvoicesOldestFirst()
    {
        // Paid invoices credited 100,000 and 30,000: the run raises two periods each (catch-up, Dec 25 and Jan 25);
        // the older invoice takes the credit, up to its total, and the newer gets what is left (nothing).
        await using var travel = await app.TimeTravelAsync();
        var (client, invoice) = await ClientWithInvoiceAsync();
        (await app.Api.PayAsync(invoice, 100_000m)).Expect(201);
        (await app.Api.CreditInvoiceAsync(invoice, 100_000m)).Expect(201);
        var (other, otherInvoice) = await ClientWithInvoiceAsync();
        (await app.Api.PayAsync(otherInvoice, 100_000m)).Expect(201);
        (await app.Api.CreditInvoiceAsync(otherInvoice, 30_000m)).Expect(201);

        var raised = await app.GenerateInProcessAsync(new LocalDate(2027, 1, 20));
        var mine = raised.Where(r => r.ClientId == client).OrderBy(r => r.PeriodIndex).ToList();
        mine.Select(r => (r.CreditApplied, r.TotalAmount)).ShouldBe([(100_000m, 0m), (0m, 100_000m)]);
        var theirs = raised.Where(r => r.ClientId == other).OrderBy(r => r.PeriodIndex).ToList();
        theirs.Select(r => (r.CreditApplied, r.TotalAmount)).ShouldBe([(30_000m, 70_000m), (0m, 100_000m)]);

        var invoices = await app.Api.InvoicesAsync(client);
        invoices[1].InvoiceStatus.ShouldBe("paid");
        invoices[1].Lines.Select(l => (l.Kind, l.Amount)).ShouldBe([("period", 100_000m), ("credit", -100_000m)]);
        (await CreditBalanceAsync(client)).ShouldBe(0m);
        (await CreditBalanceAsync(other)).ShouldBe(0m);
        await using var db = app.Db();
        (await db.ClientCreditEntries.Where(e => e.ClientId == other).SumAsync(e => e.Amount)).ShouldBe(0m);
    }

    [Fact]
    public async Task Credit_TwoAtOnceForTheWholeInvoice_OneWinsTheOtherGets409()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 2)
            .Select(i => Task.Run(() => app.Api.CreditInvoiceAsync(invoice, 100_000m, key: $"cn-race-{invoice}-{i}"))));
        answers.Select(a => a.Status).Order().ShouldBe([201, 409]);
        (await CreditBalanceAsync(client)).ShouldBe(0m);
        await using var db = app.Db();
        (await db.CreditNotes.CountAsync(n => n.InvoiceId == invoice)).ShouldBe(1);
    }

    [Fact]
    public async Task Credit_ReplayedKey_CreditsOnceAndAnswersTheSame()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => Task.Run(() => app.Api.CreditInvoiceAsync(invoice, 10_000m, key: $"cn-replay-{invoice}"))));
        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Text).Distinct().Count().ShouldBe(1);
        (await app.Api.CreditInvoiceAsync(invoice, 11_000m, key: $"cn-replay-{invoice}")).Status.ShouldBe(409);
        await using var db = app.Db();
        (await db.CreditNotes.CountAsync(n => n.InvoiceId == invoice)).ShouldBe(1);
        (await app.Api.InvoicesAsync(client))[0].Balance.ShouldBe(90_000m);
    }

    [Fact]
    public async Task Credit_BadAmounts_AreRefusedAndWriteNothing()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        (await app.Api.CreditInvoiceAsync(invoice, 0m)).Status.ShouldBe(400);
        (await app.Api.CreditInvoiceAsync(invoice, -1m)).Status.ShouldBe(400);
        (await app.Api.CreditInvoiceAsync(invoice, null)).Status.ShouldBe(400);
        (await app.Api.CreditInvoiceAsync(invoice, 10m, reason: "")).Status.ShouldBe(400);
        (await app.Api.CreditInvoiceAsync(invoice, 10.5m)).Status.ShouldBe(422);
        (await app.Api.CreditInvoiceAsync(invoice, 100_001m)).Status.ShouldBe(422);
        (await app.Api.CreditInvoiceAsync(999_999, 10m)).Status.ShouldBe(404);
        (await app.Api.As(await app.Api.OperatorTokenAsync(Driver.Api.Unique("op"))).CreditInvoiceAsync(invoice, 10m))
            .Status.ShouldBe(403);
        var (_, voided) = await ClientWithInvoiceAsync();
        (await app.Api.VoidInvoiceAsync(voided)).Expect(200);
        (await app.Api.CreditInvoiceAsync(voided, 10m)).Status.ShouldBe(409);
        await using var db = app.Db();
        (await db.CreditNotes.CountAsync(n => n.ClientId == client || n.InvoiceId == voided)).ShouldBe(0);
        (await db.InvoiceLines.CountAsync(l => l.InvoiceId == invoice)).ShouldBe(1);
    }

    [Fact]
    public async Task Credit_TheWholeOverdueInvoice_RestoresTheIsolatedClient()
    {
        await using var travel = await app.TimeTravelAsync();
        var (client, invoice) = await ClientWithInvoiceAsync();
        await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8));

        var answer = await app.OnDayAsync(new LocalDate(2026, 12, 8), api => api.CreditInvoiceAsync(invoice, 100_000m));
        answer.Expect(201).Data.ClientRestored.ShouldBeTrue();
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("active");
        await using var db = app.Db();
        (await db.Invoices.SingleAsync(i => i.Id == invoice)).Status.ShouldBe(InvoiceStatus.Paid);
    }
}
