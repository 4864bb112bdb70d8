using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Void;

public sealed class VoidInvoiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(int Client, int Invoice)> ClientWithInvoiceAsync(decimal price = 100_000m)
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(price),
            start: new LocalDate(2026, 11, 25));
        return (client, (await app.Api.InvoicesAsync(client))[0].InvoiceId);
    }

    [Fact]
    public async Task Void_UnpaidPeriodInvoice_BecomesVoidKeepsItsNumberAndCancelsThePeriod()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        var number = (await app.Api.InvoicesAsync(client))[0].Number;

        var answer = (await app.Api.VoidInvoiceAsync(invoice, "Duplicate registration")).Expect(200).Data;
        (answer.Invoice.InvoiceStatus, answer.PeriodCancelled, answer.ClientRestored).ShouldBe(("void", true, false));

        var details = (await app.Api.ClientDetailsAsync(client)).Data;
        details.Subscriptions[0].Status.ShouldBe("cancelled");
        details.Subscriptions[0].Invoices[0].Number.ShouldBe(number);
        details.Subscriptions[0].Invoices[0].InvoiceStatus.ShouldBe("void");
        await using var db = app.Db();
        var saved = await db.Invoices.SingleAsync(i => i.Id == invoice);
        saved.VoidReason.ShouldBe("Duplicate registration");
        (await db.AuditEntries.CountAsync(a => a.Action == "invoice.voided" && a.EntityId == invoice.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Void_KeepPeriod_PeriodStaysActive()
    {
        var (client, invoice) = await ClientWithInvoiceAsync();
        (await app.Api.VoidInvoiceAsync(invoice, keepPeriod: true)).Expect(200).Data.PeriodCancelled.ShouldBeFalse();
        (await app.Api.ClientDetailsAsync(client)).Data.Subscriptions[0].Status.ShouldBe("active");
    }

    [Fact]
    public async Task Void_BadRequests_AreRefusedAndWriteNothing()
    {
        var (_, invoice) = await ClientWithInvoiceAsync();
        (await app.Api.VoidInvoiceAsync(invoice, reason: null)).Status.ShouldBe(400);
        (await app.Api.VoidInvoiceAsync(invoice, reason: new string('x', 256))).Status.ShouldBe(400);
        (await app.Api.VoidInvoiceAsync(999_999)).Status.ShouldBe(404);
        (await app.Api.As(await app.Api.OperatorTokenAsync(Driver.Api.Unique("op"))).VoidInvoiceAsync(invoice)).Status
            .ShouldBe(403);
        await using var db = app.Db();
        (await db.Invoices.SingleAsync(i => i.Id == invoice)).Status.ShouldBe(InvoiceStatus.Pending);
    }

    [Fact]
    public async Task Void_WithPaymentOrTwice_Returns409()
    {
        var (_, paid) = await ClientWithInvoiceAsync();
        (await app.Api.PayAsync(paid, 1_000m)).Expect(201);
        (await app.Api.VoidInvoiceAsync(paid)).Status.ShouldBe(409);

        var (_, voided) = await ClientWithInvoiceAsync();
        (await app.Api.VoidInvoiceAsync(voided)).Expect(200);
        (await app.Api.VoidInvoiceAsync(voided)).Status.ShouldBe(409);
        (await app.Api.PayAsync(voided, 1_000m)).Status.ShouldBe(409);
    }

    [Fact]
    public async Task Void_TwoAtOnce_OneWinsTheOtherGets409()
    {
        var (_, invoice) = await ClientWithInvoiceAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => app.Api.VoidInvoiceAsync(invoice))));
        answers.Select(a => a.Status).Order().ShouldBe([200, 409]);
        await using var db = app.Db();
        (await db.AuditEntries.CountAsync(a => a.Action == "invoice.voided" && a.EntityId == invoice.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Void_RacingAPayment_ExactlyOneWins()
    {
        for (var round = 0; round < 5; round++)
        {
            var (_, invoice) = await ClientWithInvoiceAsync();
            var voiding = Task.Run(() => app.Api.VoidInvoiceAsync(invoice));
            var paying = Task.Run(() => app.Api.PayAsync(invoice, 100_000m));
            var (voided, paid) = (await voiding, await paying);
            new[] { voided.Status, paid.Status }.Order().ShouldBe(voided.Status == 200 ? [200, 409] : [201, 409]);
            await using var db = app.Db();
            var saved = await db.Invoices.SingleAsync(i => i.Id == invoice);
            saved.Status.ShouldBe(voided.Status == 200 ? InvoiceStatus.Void : InvoiceStatus.Paid);
            (await db.Payments.CountAsync(p => p.InvoiceId == invoice)).ShouldBe(voided.Status == 200 ? 0 : 1);
        }
    }

    [Fact]
    public async Task Void_OnlyOverdueInvoiceOfIsolatedClient_RestoresTheClient()
    {
        await using var travel = await app.TimeTravelAsync();
        var (client, invoice) = await ClientWithInvoiceAsync();
        await app.EnforceInProcessAsync(new LocalDate(2026, 12, 8));
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("isolated");

        var answer = await app.OnDayAsync(new LocalDate(2026, 12, 8), api => api.VoidInvoiceAsync(invoice));
        answer.Expect(200).Data.ClientRestored.ShouldBeTrue();
        (await app.Api.ClientDetailsAsync(client)).Data.Client.Status.ShouldBe("active");
        (await app.CommandsOfAsync(client)).Last().Kind.ShouldBe(RouterCommandKind.SyncSecret);
    }
}
