using MikroNet.Tests.Fixtures;

namespace MikroNet.Tests.Notifications;

/// <summary>E-mail and WhatsApp configured, nothing delivered: the tests read what is queued.</summary>
public sealed class QueueFixture : AppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Notifications:WorkerEnabled", "false"),
        new("Notifications:Smtp:Host", "smtp.invalid"),
        new("Notifications:Providers:wa:Channel", "whatsapp"),
        new("Notifications:Providers:wa:Url", "http://127.0.0.1:9/send"),
    ];
}
