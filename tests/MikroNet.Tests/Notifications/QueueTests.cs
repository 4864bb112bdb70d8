using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Notifications;

/// <summary>Who is told, on which channel, and that a message is queued once however often its cause is seen.</summary>
public sealed class QueueTests(QueueFixture app) : IClassFixture<QueueFixture>
{
    /// <summary>Registered today (Nov 25) on a plan: its first invoice falls due on Dec 4.</summary>
    private async Task<int> ClientAsync(string secret, string? email = "x@example.test", List<string>? channels = null,
        bool optOut = false)
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), secret);
        request.PlanId = await app.Api.AddPlanAsync(100_000m);
        request.Email = email;
        request.NotificationChannels = channels;
        request.NotificationsOptOut = optOut;
        return (await app.Api.RegisterClientAsync(request)).Expect(201).Data.ClientId;
    }

    private async Task<int> RemindersAsync(LocalDate asOf, LocalDate today)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.MikroNetDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var queued = await scope.ServiceProvider.GetRequiredService<Notifier>()
            .QueueRemindersAsync(asOf, today, app.Clock.GetCurrentInstant(), default);
        await tx.CommitAsync();
        return queued;
    }

    private async Task<List<Notification>> RowsAsync(int client, NotificationEvent e)
    {
        await using var db = app.Db();
        return await db.Notifications.AsNoTracking().Where(n => n.ClientId == client && n.Event == e).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task Reminders_RunThreeTimesThenThreeAtOnce_QueueEachReminderOnce()
    {
        var client = await ClientAsync("remind-1");
        var dec1 = new LocalDate(2026, 12, 1);

        for (var i = 0; i < 3; i++) await RemindersAsync(dec1, dec1);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RemindersAsync(dec1, dec1)));

        var rows = await RowsAsync(client, NotificationEvent.InvoiceReminder);
        rows.Select(r => (r.Channel, r.OnDate)).ShouldBe(
            [(NotificationChannel.Whatsapp, dec1), (NotificationChannel.Email, dec1)], ignoreOrder: true);
    }

    [Fact]
    public async Task DailyRun_ThreeAtOnceOnAReminderDay_QueueEachReminderOnce()
    {
        var client = await ClientAsync("remind-run");
        await using var _ = await app.TimeTravelAsync();
        app.SetUtc(2026, 12, 1, 3); // Dec 1, 10:00 in Jakarta: 3 days before the first invoice's due date

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.BillingService().RunDueAsync(default)));

        runs.Sum(r => r.Count).ShouldBe(1);
        (await RowsAsync(client, NotificationEvent.InvoiceReminder)).Select(r => (r.Channel, r.OnDate)).ShouldBe(
            [(NotificationChannel.Whatsapp, new LocalDate(2026, 12, 1)), (NotificationChannel.Email, new LocalDate(2026, 12, 1))],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Reminders_ForADayAlreadyPast_QueueNothing()
    {
        var client = await ClientAsync("remind-2");

        (await RemindersAsync(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 2))).ShouldBe(0);

        (await RowsAsync(client, NotificationEvent.InvoiceReminder)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reminders_OnOtherDays_QueueNothing()
    {
        var client = await ClientAsync("remind-3");

        await RemindersAsync(new LocalDate(2026, 12, 2), new LocalDate(2026, 12, 2));

        (await RowsAsync(client, NotificationEvent.InvoiceReminder)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("both", null, false)]
    [InlineData("no-email", null, false)]
    [InlineData("email-only", "email", false)]
    [InlineData("sms-not-configured", "sms", false)]
    [InlineData("opted-out", null, true)]
    public async Task Writers_CSharpAndSql_QueueTheSameChannelsAndAddresses(string name, string? only, bool optOut)
    {
        var client = await ClientAsync("writers-" + name, email: name == "no-email" ? null : "w@example.test",
            channels: only is null ? null : [only], optOut: optOut);

        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.MikroNetDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<Notifier>().QueueAsync(NotificationEvent.ClientRestored,
                [(client, null)], new LocalDate(2026, 11, 25), app.Clock.GetCurrentInstant(), default);
            await tx.CommitAsync();
        }

        var fromCSharp = await RowsAsync(client, NotificationEvent.InvoiceRaised);
        var fromSql = await RowsAsync(client, NotificationEvent.ClientRestored);
        fromSql.Select(r => (r.Channel, r.Recipient, r.Language))
            .ShouldBe(fromCSharp.Select(r => (r.Channel, r.Recipient, r.Language)), ignoreOrder: true);
        fromCSharp.Count.ShouldBe(name switch { "both" => 2, "opted-out" or "sms-not-configured" => 0, _ => 1 });
    }
}
