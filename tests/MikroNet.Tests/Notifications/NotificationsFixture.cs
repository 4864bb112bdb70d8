using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Shouldly;

namespace MikroNet.Tests.Notifications;

/// <summary>
/// The host with e-mail going to <see cref="FakeSmtp"/>, WhatsApp and SMS to <see cref="FakeProvider"/>, the delivery
/// loop polling fast, and every log line captured.
/// </summary>
public sealed class NotificationsFixture : AppFixture
{
    public FakeSmtp Smtp { get; } = new();
    public FakeProvider Provider { get; } = new();
    public ConcurrentQueue<string> Logs { get; } = new();

    public override async Task InitializeAsync()
    {
        Smtp.Start();
        await Provider.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Notifications:WorkerEnabled", "true"),
        new("Notifications:PollInterval", "00:00:00.050"),
        new("Notifications:BaseBackoff", "00:00:00.050"),
        new("Notifications:MaxBackoff", "00:00:00.200"),
        new("Notifications:DefaultChannels:0", "whatsapp"),
        new("Notifications:DefaultChannels:1", "email"),
        new("Notifications:Smtp:Host", "127.0.0.1"),
        new("Notifications:Smtp:Port", Smtp.Port.ToString()),
        new("Notifications:Smtp:Security", "none"),
        new("Notifications:Smtp:Username", FakeSmtp.Username),
        new("Notifications:Smtp:Password", FakeSmtp.Password),
        new("Notifications:Smtp:From", "Tagihan MikroNet <billing@mikronet.test>"),
        .. ProviderSettings("fake-wa", "whatsapp"),
        .. ProviderSettings("fake-sms", "sms"),
        new("Logging:LogLevel:Default", "Debug"),
    ];

    private IEnumerable<KeyValuePair<string, string?>> ProviderSettings(string name, string channel) =>
    [
        new($"Notifications:Providers:{name}:Channel", channel),
        new($"Notifications:Providers:{name}:Url", $"{Provider.BaseUrl}/{channel}/send"),
        new($"Notifications:Providers:{name}:Headers:Authorization", FakeProvider.Token),
        new($"Notifications:Providers:{name}:Body", """{"target":{{ to_digits | json }},"message":{{ message | json }}}"""),
        new($"Notifications:Providers:{name}:SuccessJsonProperty", "status"),
        new($"Notifications:Providers:{name}:SuccessJsonValue", "true"),
        new($"Notifications:Providers:{name}:PerMinute", "60000"),
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));

    /// <summary>
    /// Waits until none of the client's messages is pending any more, then answers them. The fake clock moves a
    /// second per look, so retries that back off and messages held for the provider's rate come due.
    /// </summary>
    public async Task<List<Notification>> SettledAsync(int clientId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var db = Db();
            var rows = await db.Notifications.AsNoTracking().Where(n => n.ClientId == clientId).OrderBy(n => n.Id).ToListAsync();
            if (rows.Count >= expected && rows.All(r => r.Status != OutboxStatus.Pending)) return rows;
            if (DateTime.UtcNow > deadline)
                rows.Select(r => $"{r.Event}/{r.Channel}: {r.Status} {r.LastError}").ShouldBeEmpty("still pending after 20 s");
            Clock.Advance(NodaTime.Duration.FromSeconds(1));
            await Task.Delay(50);
        }
    }
}
