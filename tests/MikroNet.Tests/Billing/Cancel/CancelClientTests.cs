using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Cancel;

public sealed class CancelClientTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A client on a 300,000 plan from Nov 25 (30-day period to Dec 24), first invoice paid.</summary>
    private async Task<int> PayingClientAsync()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(300_000m),
            start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);
        return client;
    }

    [Fact]
    public async Task Cancel_EndOfPeriod_NoRenewalAndCancelledOnTheDayAfterTheEnd()
    {
        await using var travel = await app.TimeTravelAsync();
        var client = await PayingClientAsync();
        var answer = (await app.Api.CancelClientAsync(client, "end_of_period")).Expect(200).Data;
        (answer.CancelOn, answer.CreditNote, answer.Client.Status).ShouldBe((new LocalDate(2026, 12, 25), null, "active"));
        (await app.CommandsOfAsync(client)).ShouldNotContain(c => c.Kind == RouterCommandKind.RemoveSecret);

        (await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20))).ShouldNotContain(r => r.ClientId == client);
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 24))).CancelledClientIds.ShouldNotContain(client);
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 25))).CancelledClientIds.ShouldContain(client);
        (await app.EnforceInProcessAsync(new LocalDate(2026, 12, 26))).CancelledClientIds.ShouldNotContain(client);

        var details = (await app.Api.ClientDetailsAsync(client)).Data;
        details.Client.Status.ShouldBe("cancelled");
        (await app.CommandsOfAsync(client)).TakeLast(2).Select(c => c.Kind)
            .ShouldBe([RouterCommandKind.RemoveSecret, RouterCommandKind.KickSession]);
        (await app.Api.ListClientsAsync()).Data.ShouldContain(c => c.ClientId == client && c.Status == "cancelled");
    }

    [Fact]
    public async Task Cancel_Now_RemovesTheSecretAndCreditsTheUnusedDays()
    {
        var client = await PayingClientAsync();
        var answer = (await app.Api.CancelClientAsync(client, "now")).Expect(200).Data;

        // Nov 25 of a 30-day period Nov 25 – Dec 24: 29 unused days × 300,000 / 30 = 290,000, all of it client credit.
        answer.Client.Status.ShouldBe("cancelled");
        answer.CancelOn.ShouldBe(new LocalDate(2026, 11, 25));
        var note = answer.CreditNote.ShouldNotBeNull();
        (note.Amount, note.AppliedToInvoice, note.ToClientCredit).ShouldBe((290_000m, 0m, 290_000m));
        answer.Client.CreditBalance.ShouldBe(0m);
        (await app.Api.ClientDetailsAsync(client)).Data.Client.CreditBalance.ShouldBe(290_000m);
        (await app.CommandsOfAsync(client)).TakeLast(2).Select(c => c.Kind)
            .ShouldBe([RouterCommandKind.RemoveSecret, RouterCommandKind.KickSession]);
        await using var db = app.Db();
        (await db.AuditEntries.CountAsync(a => a.Action == "client.cancelled" && a.EntityId == client.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Cancel_AfterTheRenewalWasRaised_VoidsTheNextPeriodsInvoice()
    {
        await using var travel = await app.TimeTravelAsync();
        var client = await PayingClientAsync();
        await app.GenerateInProcessAsync(new LocalDate(2026, 12, 20));
        var renewal = (await app.Api.InvoicesAsync(client))[1];

        var answer = (await app.Api.CancelClientAsync(client, "end_of_period")).Expect(200).Data;
        answer.VoidedInvoices.ShouldBe([renewal.Number]);
        var details = (await app.Api.ClientDetailsAsync(client)).Data;
        details.Subscriptions.Select(s => s.Status).ShouldBe(["active", "cancelled"]);
    }

    [Fact]
    public async Task Cancel_BadRequests_AreRefused()
    {
        var client = await PayingClientAsync();
        (await app.Api.CancelClientAsync(client, "tomorrow")).Status.ShouldBe(400);
        (await app.Api.CancelClientAsync(client, null)).Status.ShouldBe(400);
        (await app.Api.CancelClientAsync(client, "now", reason: "")).Status.ShouldBe(400);
        (await app.Api.CancelClientAsync(999_999, "now")).Status.ShouldBe(404);
        (await app.Api.As(await app.Api.OperatorTokenAsync(Driver.Api.Unique("op"))).CancelClientAsync(client, "now"))
            .Status.ShouldBe(403);
        (await app.Api.CancelClientAsync(client, "end_of_period")).Expect(200);
        (await app.Api.CancelClientAsync(client, "now")).Status.ShouldBe(409);
        (await app.Api.AddChargeAsync(client, 10_000m)).Status.ShouldBe(409);
        (await app.Api.AddChargeAsync(client, 10_000m, "Router not returned", invoiceNow: true)).Expect(201);
    }

    [Fact]
    public async Task Cancel_TwoAtOnce_OneWinsTheOtherGets409()
    {
        var client = await PayingClientAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => app.Api.CancelClientAsync(client, "now"))));
        answers.Select(a => a.Status).Order().ShouldBe([200, 409]);
        await using var db = app.Db();
        (await db.CreditNotes.CountAsync(n => n.ClientId == client)).ShouldBe(1);
    }
}
