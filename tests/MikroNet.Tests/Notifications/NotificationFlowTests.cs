using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Driver;
using MimeKit;
using NodaTime;
using Shouldly;
using UglyToad.PdfPig;
using Xunit;

namespace MikroNet.Tests.Notifications;

/// <summary>The acceptance path: a month of one client's billing, told on WhatsApp and e-mail.</summary>
public sealed class NotificationFlowTests(NotificationsFixture app) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public async Task FullMonth_RegisterToRestore_SendsEachMessageOnceInOrderOnEachChannel()
    {
        await using var _ = await app.TimeTravelAsync();
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(150_000m);
        var request = Api.NewClient(router, "month-1");
        request.PlanId = plan;
        request.StartDate = new LocalDate(2026, 11, 25);
        request.Email = "budi@example.test";
        var client = (await app.Api.RegisterClientAsync(request)).Expect(201).Data.ClientId;
        var invoice = (await app.Api.InvoicesAsync(client)).ShouldHaveSingleItem();
        invoice.DueDate.ShouldBe(new LocalDate(2026, 12, 4));

        // Every day at 10:00 in Jakarta, the daily run; Dec 1 and Dec 3 are 3 and 1 days before the due date, and
        // the invoice is overdue past its 3 days of grace, on Dec 8.
        for (var day = new LocalDate(2026, 11, 25); day <= new LocalDate(2026, 12, 8); day = day.PlusDays(1))
        {
            app.SetUtc(day.Year, day.Month, day.Day, 3);
            await app.BillingService().RunDueAsync(default);
        }
        // Messages are written when they go out; the isolation notice goes before the customer pays.
        await app.SettledAsync(client, 8);
        var pay = await app.OnDayAsync(new LocalDate(2026, 12, 8), api => api.PayAsync(invoice.InvoiceId, 150_000m, key: "month-pay"));
        pay.Data.ClientRestored.ShouldBeTrue();

        var rows = await app.SettledAsync(client, 12);
        string[] events = ["invoice_raised", "invoice_reminder", "invoice_reminder", "client_isolated", "payment_received",
            "client_restored"];
        foreach (var channel in new[] { NotificationChannel.Whatsapp, NotificationChannel.Email })
        {
            var mine = rows.Where(r => r.Channel == channel).ToList();
            mine.Select(r => Infrastructure.Persistence.SnakeCaseEnums.ToSnakeCase(r.Event)).ShouldBe(events);
            mine.ShouldAllBe(r => r.Status == OutboxStatus.Done && r.Attempts == 1);
        }
        rows.Where(r => r.Event == NotificationEvent.InvoiceReminder).Select(r => r.OnDate).Distinct()
            .ShouldBe([new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 3)]);

        var chats = app.Provider.Calls.Where(c => c.To == "6281234567890").ToList();
        chats.Count.ShouldBe(6);
        chats.ShouldAllBe(c => c.Path == "whatsapp" && c.Token == FakeProvider.Token);
        chats[0].Message.ShouldContain("INV-2026-");
        chats[0].Message.ShouldContain("Rp 150.000");
        chats[0].Message.ShouldContain("4 Desember 2026");
        chats[1].Message.ShouldContain("3 hari lagi");
        chats[2].Message.ShouldContain("1 hari lagi");
        chats[3].Message.ShouldContain("dihentikan sementara");

        var mails = app.Smtp.Received.Where(m => m.To.Mailboxes.Any(a => a.Address == "budi@example.test")).ToList();
        mails.Count.ShouldBe(6);
        mails[0].Subject.ShouldBe($"Tagihan {invoice.Number} dari MikroNet ISP");
        mails[0].TextBody!.ShouldContain("sebesar Rp 150.000");
        mails[0].TextBody!.ShouldContain("jatuh tempo pada 4 Desember 2026");
        mails[1].Subject.ShouldBe($"Pengingat: tagihan {invoice.Number} jatuh tempo 4 Desember 2026");
        mails[3].TextBody!.ShouldContain($"- {invoice.Number}: Rp 150.000, jatuh tempo 4 Desember 2026");
        mails[4].Subject.ShouldBe($"Pembayaran diterima: Rp 150.000 untuk {invoice.Number}");
        mails[5].Subject.ShouldBe("Layanan internet Anda aktif kembali");
        PdfText(mails[0], invoice.Number + ".pdf").ShouldContain(invoice.Number);
        PdfText(mails[4], $"RCT-{pay.Data.Payment.PaymentId:D7}.pdf").ShouldContain("RECEIPT");
        mails[1].Attachments.ShouldBeEmpty();

        var graph = (await app.OnDayAsync(new LocalDate(2026, 12, 8), api => api.GraphAsync($$"""
            { client(clientId: {{client}}) { email notificationChannels notificationsOptOut
                notifications { event channel to status attempts lastError sentAt } } }
            """))).Data.Client!;
        (graph.Email, graph.NotificationChannels, graph.NotificationsOptOut).ShouldBe(("budi@example.test", null, false));
        graph.Notifications!.Select(n => (n.Event, n.Channel)).Take(2)
            .ShouldBe([("CLIENT_RESTORED", "EMAIL"), ("CLIENT_RESTORED", "WHATSAPP")], ignoreOrder: true);
        graph.Notifications!.Count.ShouldBe(12);
        graph.Notifications.ShouldAllBe(n => n.Status == "SENT" && n.Attempts == 1 && n.LastError == null && n.SentAt != null);
        graph.Notifications.Where(n => n.Channel == "WHATSAPP").ShouldAllBe(n => n.To == "+6281234567890");
    }

    private static string PdfText(MimeMessage mail, string fileName)
    {
        var part = mail.Attachments.OfType<MimePart>().Single(a => a.FileName == fileName);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        using var pdf = PdfDocument.Open(stream.ToArray());
        return string.Join("\n", pdf.GetPages().Select(p => p.Text));
    }
}
