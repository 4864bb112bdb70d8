using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Payments;

public sealed class NotificationTests(PaymentsFixture app) : IClassFixture<PaymentsFixture>
{
    private async Task<(int Invoice, string OrderId)> LinkAsync(string gateway, decimal price = 150_000m)
    {
        var invoice = await app.Api.OpenInvoiceAsync(price);
        var link = (await app.Api.CreatePaymentLinkAsync(invoice, gateway)).Expect(201).Data;
        return (invoice, link.ExternalId);
    }

    private async Task<string> XenditInvoiceIdAsync(string externalId)
    {
        await using var db = app.Db();
        return await db.PaymentLinks.Where(l => l.ExternalId == externalId).Select(l => l.GatewayReference).SingleAsync();
    }

    private async Task<(List<Payment> Payments, int Audits, PaymentLink Link, Invoice Invoice)> StateAsync(int invoice)
    {
        await using var db = app.Db();
        var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoice).ToListAsync();
        var audits = await db.AuditEntries.CountAsync(a => a.Action == "payment.recorded" && a.EntityId == invoice.ToString());
        var link = await db.PaymentLinks.AsNoTracking().OrderBy(l => l.Id).LastAsync(l => l.InvoiceId == invoice);
        return (payments, audits, link, await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice));
    }

    [Fact]
    public async Task Midtrans_ValidSettlement_RecordsPaymentThroughTheMoneyPath()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        var answer = await app.Api.WebhookAsync("midtrans",
            FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-settle-1", "bank_transfer"));
        answer.Status.ShouldBe(200);
        answer.Body.Verdict.ShouldBe("applied");

        var (payments, audits, link, saved) = await StateAsync(invoice);
        var payment = payments.ShouldHaveSingleItem();
        payment.Amount.ShouldBe(150_000m);
        payment.Reference.ShouldBe("mt-settle-1");
        payment.Gateway.ShouldBe("midtrans");
        payment.PaymentMethod.ShouldBe(PaymentMethod.BankTransfer);
        audits.ShouldBe(1);
        link.Status.ShouldBe(PaymentLinkStatus.Paid);
        saved.Status.ShouldBe(InvoiceStatus.Paid);

        await using var db = app.Db();
        var client = saved.ClientId;
        var shown = (await app.Api.ClientDetailsAsync(client)).Data.Subscriptions[0].Invoices[0];
        shown.Payments.ShouldHaveSingleItem().PaymentMethod.ShouldBe("midtrans:bank_transfer");
        shown.PaymentLinks.ShouldHaveSingleItem().Status.ShouldBe("paid");
    }

    [Fact]
    public async Task Midtrans_SettlementTenTimesConcurrentlyThenReconcile_OnePaymentOneAudit()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        var body = app.Gateways.SettleMidtrans(orderId, "mt-race-1");
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => app.Api.WebhookAsync("midtrans", body))));
        answers.ShouldAllBe(a => a.Status == 200);
        answers.Count(a => a.Body.Verdict == "applied").ShouldBe(1);

        app.Clock.Advance(Duration.FromMinutes(11));
        try
        {
            await app.ReconcileAsync();
        }
        finally
        {
            app.Clock.Reset(Fixtures.AppFixture.Start);
        }
        (await app.Api.WebhookAsync("midtrans", body)).Body.Verdict.ShouldBe("ignored");

        var (payments, audits, _, saved) = await StateAsync(invoice);
        payments.Count.ShouldBe(1);
        audits.ShouldBe(1);
        saved.AmountPaid.ShouldBe(150_000m);
        await using var db = app.Db();
        (await db.GatewayEvents.CountAsync(e => e.OrderId == orderId)).ShouldBe(11);
    }

    [Fact]
    public async Task Midtrans_BadOrMissingSignature_Returns401AndChangesNothing()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        var forged = FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-forged", serverKey: "guess");
        (await app.Api.WebhookAsync("midtrans", forged)).Status.ShouldBe(401);
        var unsigned = forged.Replace("\"signature_key\"", "\"signature\"");
        (await app.Api.WebhookAsync("midtrans", unsigned)).Status.ShouldBe(401);
        // The signature covers the amount: a valid signature with a changed gross_amount is a forgery.
        var tampered = FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-t")
            .Replace("\"gross_amount\":\"150000.00\"", "\"gross_amount\":\"1000.00\"");
        (await app.Api.WebhookAsync("midtrans", tampered)).Status.ShouldBe(401);
        (await app.Api.WebhookAsync("midtrans", "not json")).Status.ShouldBe(401);

        var (payments, _, link, _) = await StateAsync(invoice);
        payments.ShouldBeEmpty();
        link.Status.ShouldBe(PaymentLinkStatus.Open);
        await using var db = app.Db();
        (await db.GatewayEvents.CountAsync(e => e.OrderId == orderId)).ShouldBe(0);
    }

    [Fact]
    public async Task Midtrans_AmountMismatch_KeptAsRejectedAnswered200()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        var answer = await app.Api.WebhookAsync("midtrans",
            FakeGateways.MidtransNotification(orderId, "settlement", "1000.00", "mt-mismatch"));
        answer.Status.ShouldBe(200);
        answer.Body.Verdict.ShouldBe("rejected");

        (await StateAsync(invoice)).Payments.ShouldBeEmpty();
        var rejected = (await app.Api.GatewayEventsAsync("rejected")).Expect(200).Data;
        var listed = rejected.Single(e => e.OrderId == orderId);
        listed.Reason!.ShouldContain("differs");
        listed.TransactionId.ShouldBe("mt-mismatch");
        listed.Body.ShouldContain("1000.00");
    }

    [Fact]
    public async Task Midtrans_UnknownOrder_KeptAsRejectedAnswered200()
    {
        var answer = await app.Api.WebhookAsync("midtrans",
            FakeGateways.MidtransNotification("INV-2099-999999-deadbeef", "settlement", "5000.00", "mt-unknown"));
        answer.Status.ShouldBe(200);
        answer.Body.Verdict.ShouldBe("rejected");
        (await app.Api.GatewayEventsAsync("rejected")).Data
            .ShouldContain(e => e.OrderId == "INV-2099-999999-deadbeef" && e.Reason!.Contains("No payment link"));
    }

    [Fact]
    public async Task Midtrans_PendingThenSettlementThenLatePending_PaysOnce()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        var pending = FakeGateways.MidtransNotification(orderId, "pending", "150000.00", "mt-pp-1");
        (await app.Api.WebhookAsync("midtrans", pending)).Body.Verdict.ShouldBe("ignored");
        (await StateAsync(invoice)).Payments.ShouldBeEmpty();

        (await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-pp-1")))
            .Body.Verdict.ShouldBe("applied");
        // Out of order: a pending that arrives after the settlement changes nothing.
        (await app.Api.WebhookAsync("midtrans", pending)).Body.Verdict.ShouldBe("ignored");
        var (payments, _, link, _) = await StateAsync(invoice);
        payments.Count.ShouldBe(1);
        link.Status.ShouldBe(PaymentLinkStatus.Paid);
    }

    [Fact]
    public async Task Midtrans_CaptureUnderChallenge_RecordsNothingUntilAccepted()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        (await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification(orderId, "capture", "150000.00", "mt-cc",
            "credit_card", fraudStatus: "challenge"))).Body.Verdict.ShouldBe("ignored");
        (await StateAsync(invoice)).Payments.ShouldBeEmpty();
        (await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification(orderId, "capture", "150000.00", "mt-cc",
            "credit_card", fraudStatus: "accept"))).Body.Verdict.ShouldBe("applied");
        (await StateAsync(invoice)).Payments.ShouldHaveSingleItem().PaymentMethod.ShouldBe(PaymentMethod.CreditCard);
    }

    [Theory]
    [InlineData("expire", PaymentLinkStatus.Expired)]
    [InlineData("cancel", PaymentLinkStatus.Cancelled)]
    [InlineData("deny", PaymentLinkStatus.Failed)]
    [InlineData("failure", PaymentLinkStatus.Failed)]
    public async Task Midtrans_Closing_ClosesLinkAndNextRequestOpensANewOne(string status, PaymentLinkStatus closed)
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        (await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification(orderId, status, "150000.00", "mt-" + status)))
            .Body.Verdict.ShouldBe("applied");
        var (payments, _, link, _) = await StateAsync(invoice);
        payments.ShouldBeEmpty();
        link.Status.ShouldBe(closed);
        var fresh = (await app.Api.CreatePaymentLinkAsync(invoice, "midtrans")).Expect(201).Data;
        fresh.ExternalId.ShouldNotBe(orderId);
    }

    [Fact]
    public async Task Midtrans_Refund_MarksLinkRefundedKeepsPaymentAndAudits()
    {
        var (invoice, orderId) = await LinkAsync("midtrans");
        await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-rf"));
        (await app.Api.WebhookAsync("midtrans", FakeGateways.MidtransNotification(orderId, "refund", "150000.00", "mt-rf")))
            .Body.Verdict.ShouldBe("applied");
        var (payments, _, link, _) = await StateAsync(invoice);
        payments.Count.ShouldBe(1);
        link.Status.ShouldBe(PaymentLinkStatus.Refunded);
        await using var db = app.Db();
        (await db.AuditEntries.CountAsync(a => a.Action == "payment_link.refunded" && a.EntityId == invoice.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Xendit_PaidCallback_RecordsPaidAmountOnce()
    {
        var (invoice, externalId) = await LinkAsync("xendit", 200_000m);
        var id = await XenditInvoiceIdAsync(externalId);
        var body = FakeGateways.XenditCallback(id, externalId, "PAID", 200_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            app.Api.WebhookAsync("xendit", body, ("x-callback-token", FakeGateways.CallbackToken)))));
        answers.ShouldAllBe(a => a.Status == 200);
        answers.Count(a => a.Body.Verdict == "applied").ShouldBe(1);
        (await app.Api.WebhookAsync("xendit", FakeGateways.XenditCallback(id, externalId, "SETTLED", 200_000m),
            ("x-callback-token", FakeGateways.CallbackToken))).Body.Verdict.ShouldBe("ignored");

        var (payments, audits, link, saved) = await StateAsync(invoice);
        var payment = payments.ShouldHaveSingleItem();
        payment.Reference.ShouldBe(id);
        payment.PaymentMethod.ShouldBe(PaymentMethod.EWallet);
        audits.ShouldBe(1);
        link.Status.ShouldBe(PaymentLinkStatus.Paid);
        saved.Status.ShouldBe(InvoiceStatus.Paid);
        (await app.Api.ClientDetailsAsync(saved.ClientId)).Data.Subscriptions[0].Invoices[0].Payments[0].PaymentMethod
            .ShouldBe("xendit:EWALLET");
    }

    [Fact]
    public async Task Xendit_WrongOrMissingToken_Returns401AndChangesNothing()
    {
        var (invoice, externalId) = await LinkAsync("xendit");
        var body = FakeGateways.XenditCallback(await XenditInvoiceIdAsync(externalId), externalId, "PAID", 150_000m);
        (await app.Api.WebhookAsync("xendit", body, ("x-callback-token", "wrong-token"))).Status.ShouldBe(401);
        (await app.Api.WebhookAsync("xendit", body)).Status.ShouldBe(401);
        (await app.Api.WebhookAsync("xendit", body, ("x-callback-token", FakeGateways.CallbackToken + "x"))).Status.ShouldBe(401);
        (await StateAsync(invoice)).Payments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Xendit_Expired_ClosesLink()
    {
        var (invoice, externalId) = await LinkAsync("xendit");
        var body = FakeGateways.XenditCallback(await XenditInvoiceIdAsync(externalId), externalId, "EXPIRED", 0m);
        (await app.Api.WebhookAsync("xendit", body, ("x-callback-token", FakeGateways.CallbackToken))).Body.Verdict.ShouldBe("applied");
        (await StateAsync(invoice)).Link.Status.ShouldBe(PaymentLinkStatus.Expired);
    }

    [Fact]
    public async Task Webhook_HostileBodies_AreRefusedWithoutA500()
    {
        var huge = "{\"order_id\":\"" + new string('a', 70_000) + "\"}";
        (await app.Api.WebhookAsync("midtrans", huge)).Status.ShouldBe(413);
        (await app.Api.WebhookAsync("xendit", huge, ("x-callback-token", FakeGateways.CallbackToken))).Status.ShouldBe(413);
        var deep = new string('[', 5_000) + new string(']', 5_000);
        (await app.Api.WebhookAsync("midtrans", deep)).Status.ShouldBe(401);
        var garbage = await app.Api.WebhookAsync("xendit", deep, ("x-callback-token", FakeGateways.CallbackToken));
        garbage.Status.ShouldBe(200);
        garbage.Body.Verdict.ShouldBe("rejected");
    }

    [Fact]
    public async Task Reconcile_MissedWebhook_RecordsPaymentOnce()
    {
        var (midtransInvoice, orderId) = await LinkAsync("midtrans");
        var (xenditInvoice, externalId) = await LinkAsync("xendit");
        app.Gateways.SettleMidtrans(orderId, "mt-missed-1");
        app.Gateways.PayXendit(await XenditInvoiceIdAsync(externalId));

        // Links younger than ReconcileAfter are left to their webhooks.
        (await app.ReconcileAsync()).Paid.ShouldBe(0);
        app.Clock.Advance(Duration.FromMinutes(11));
        try
        {
            (await app.ReconcileAsync()).Paid.ShouldBeGreaterThanOrEqualTo(2);
            (await app.ReconcileAsync()).Paid.ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset(Fixtures.AppFixture.Start);
        }
        var midtrans = await StateAsync(midtransInvoice);
        midtrans.Payments.ShouldHaveSingleItem().Reference.ShouldBe("mt-missed-1");
        midtrans.Link.Status.ShouldBe(PaymentLinkStatus.Paid);
        var xendit = await StateAsync(xenditInvoice);
        xendit.Payments.ShouldHaveSingleItem().PaymentMethod.ShouldBe(PaymentMethod.BankTransfer);
        xendit.Audits.ShouldBe(1);
    }

    [Fact]
    public async Task Secrets_AfterEveryKindOfCall_AppearInNoAnswerAndNoLogLine()
    {
        var answers = new List<string>();
        foreach (var gateway in new[] { "midtrans", "xendit" })
        {
            var invoice = await app.Api.OpenInvoiceAsync(90_000m);
            answers.Add((await app.Api.CreatePaymentLinkAsync(invoice, gateway)).Text);
            answers.Add((await app.Api.CreatePaymentLinkAsync(invoice, gateway)).Text);
        }
        var (_, orderId) = await LinkAsync("midtrans");
        answers.Add((await app.Api.WebhookAsync("midtrans",
            FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-secret", serverKey: "forged"))).Text);
        answers.Add((await app.Api.WebhookAsync("midtrans",
            FakeGateways.MidtransNotification(orderId, "settlement", "150000.00", "mt-secret"))).Text);
        answers.Add((await app.Api.WebhookAsync("xendit", "{}", ("x-callback-token", "wrong"))).Text);
        answers.Add((await app.Api.WebhookAsync("xendit", "{}", ("x-callback-token", FakeGateways.CallbackToken))).Text);
        app.Gateways.Mode = FakeMode.Error503;
        try
        {
            answers.Add((await app.Api.CreatePaymentLinkAsync(await app.Api.OpenInvoiceAsync(1_000m), "xendit")).Text);
        }
        finally
        {
            app.Gateways.Mode = FakeMode.Normal;
        }
        app.Clock.Advance(Duration.FromDays(2));
        try
        {
            await app.ReconcileAsync();
        }
        finally
        {
            app.Clock.Reset(Fixtures.AppFixture.Start);
        }
        answers.Add((await app.Api.GatewayEventsAsync()).Text);
        answers.Add((await app.Api.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json")).Text);

        app.Logs.ShouldNotBeEmpty();
        string[] secrets = [FakeGateways.ServerKey, FakeGateways.XenditSecret, FakeGateways.CallbackToken,
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(FakeGateways.ServerKey + ":")),
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(FakeGateways.XenditSecret + ":"))];
        foreach (var secret in secrets)
        {
            answers.ShouldAllBe(a => !a.Contains(secret));
            app.Logs.ShouldAllBe(line => !line.Contains(secret));
        }
    }
}
