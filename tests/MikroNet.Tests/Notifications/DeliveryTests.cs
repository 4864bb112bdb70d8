using MikroNet.Features.Notifications.ClientNotifications;
using MikroNet.Tests.Billing;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Notifications;

/// <summary>What becomes of a message: retried, held, refused, skipped; and what the operator sees of it.</summary>
public sealed class DeliveryTests(NotificationsFixture app) : IClassFixture<NotificationsFixture>
{
    /// <summary>A client on a plan from today, told on the given channels; answers its id.</summary>
    private async Task<int> ClientAsync(string secret, string phone = "+62 812-3456-7890", string? email = null,
        List<string>? channels = null, bool optOut = false)
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), secret);
        request.PlanId = await app.Api.AddPlanAsync(150_000m);
        request.PhoneNumber = phone;
        request.Email = email;
        request.NotificationChannels = channels;
        request.NotificationsOptOut = optOut;
        return (await app.Api.RegisterClientAsync(request)).Expect(201).Data.ClientId;
    }

    private async Task<List<NotificationView>> ViewsAsync(int client) =>
        (await app.Api.ClientNotificationsAsync(client)).Expect(200).Data;

    [Fact]
    public async Task Provider_FailsTwiceThenSucceeds_SendsOneMessage()
    {
        app.Provider.FailNext = 2;
        var client = await ClientAsync("retry-1", phone: "+62 811-2222-3333", channels: ["whatsapp"]);

        var row = (await app.SettledAsync(client, 1)).ShouldHaveSingleItem();

        row.Attempts.ShouldBe(3);
        app.Provider.Calls.Count(c => c.To == "6281122223333").ShouldBe(1);
        var view = (await ViewsAsync(client)).ShouldHaveSingleItem();
        (view.Event, view.Channel, view.To, view.Status, view.Attempts).ShouldBe(("invoice_raised", "whatsapp", "+6281122223333", "sent", 3));
        view.SentAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task QuietHours_Evening_HoldWhatsappUntilEightButNotEmail()
    {
        await using var _ = await app.TimeTravelAsync();
        app.SetUtc(2026, 11, 25, 14, 30); // 21:30 in Jakarta
        await app.Api.AdminTokenAsync();
        var client = await ClientAsync("quiet-1", phone: "+62 811-4444-5555", email: "quiet@example.test");

        await WaitAsync(async () => (await ViewsAsync(client)).Any(v => v is { Channel: "email", Status: "sent" }));
        await Task.Delay(300);
        var held = (await ViewsAsync(client)).Single(v => v.Channel == "whatsapp");
        (held.Status, held.Attempts).ShouldBe(("pending", 0));
        held.NextAttemptAt.ShouldBe(Instant.FromUtc(2026, 11, 26, 1, 0)); // 08:00 in Jakarta
        app.Provider.Calls.ShouldNotContain(c => c.To == "6281144445555");

        app.SetUtc(2026, 11, 26, 1);
        (await app.SettledAsync(client, 2)).ShouldAllBe(r => r.Status == Infrastructure.Outbox.OutboxStatus.Done);
        app.Provider.Calls.Count(c => c.To == "6281144445555").ShouldBe(1);
    }

    [Fact]
    public async Task OptedOutClient_InvoiceRaised_QueuesNothing()
    {
        var client = await ClientAsync("optout-1", email: "optout@example.test", optOut: true);

        (await ViewsAsync(client)).ShouldBeEmpty();
        (await app.Api.ClientDetailsAsync(client)).Data.Client.NotificationsOptOut.ShouldBeTrue();
    }

    [Fact]
    public async Task Register_InvalidEmail_Returns400NamingIt()
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), "bad-mail");
        request.Email = "budi@@example";

        (await app.Api.RegisterClientAsync(request)).ShouldBeProblem(400).ShouldBe(["email"]);
    }

    [Fact]
    public async Task UnusablePhone_IsSkippedWithItsReasonAndNeverSent()
    {
        var client = await ClientAsync("badphone-1", phone: "123456", channels: ["whatsapp", "sms"]);

        await app.SettledAsync(client, 2);

        var views = await ViewsAsync(client);
        views.ShouldAllBe(v => v.Status == "skipped" && v.Attempts == 0);
        views[0].LastError.ShouldBe("Phone number 123456 is not a valid number (region ID).");
        app.Provider.Calls.ShouldNotContain(c => c.To.EndsWith("123456"));
    }

    [Fact]
    public async Task MailboxRefusedByServer_FailsWithTheServersAnswer()
    {
        var client = await ClientAsync("reject-1", email: "reject-me@example.test", channels: ["email"]);

        await app.SettledAsync(client, 1);

        var view = (await ViewsAsync(client)).ShouldHaveSingleItem();
        (view.Status, view.Attempts).ShouldBe(("failed", 1));
        view.LastError.ShouldStartWith("SMTP 550");
        var run = (await app.BillingService().RunDueAsync(default)).ShouldHaveSingleItem();
        run.NotificationsFailed.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task ProviderRefusesRecipient_FailsWithTheProvidersAnswer()
    {
        var client = await ClientAsync("refused-1", phone: "+62 896-1234-5678", channels: ["sms"]);

        await app.SettledAsync(client, 1);

        var view = (await ViewsAsync(client)).ShouldHaveSingleItem();
        (view.Status, view.Attempts).ShouldBe(("failed", 1));
        view.LastError.ShouldBe("fake-sms answered 200: {\"status\":false,\"reason\":\"invalid target\"}");
    }

    [Fact]
    public async Task ClientNotifications_UnknownClient_Returns404()
    {
        (await app.Api.ClientNotificationsAsync(987_654)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task Secrets_AfterDeliveries_AppearInNoLogLineAndNoAnswer()
    {
        var client = await ClientAsync("secret-1", phone: "+62 811-6666-7777", email: "secret@example.test");
        await app.SettledAsync(client, 2);
        var answers = (await app.Api.ClientNotificationsAsync(client)).Text + (await app.Api.TemplatesAsync()).Text;

        foreach (var secret in new[] { FakeSmtp.Password, FakeProvider.Token })
        {
            app.Logs.ShouldNotContain(line => line.Contains(secret));
            answers.ShouldNotContain(secret);
        }
        app.Logs.ShouldNotBeEmpty();
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "waited 20 s");
            await Task.Delay(50);
        }
    }
}
