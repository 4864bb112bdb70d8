using MikroNet.Infrastructure.Persistence.Notifications;

namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// Wakes a consumer's loop the moment rows are committed on any host: the table's <c>notify_outbox()</c> trigger
/// sends NOTIFY mikronet_&lt;table&gt; in the inserting transaction. Polling stays as the fallback for retries that
/// come due and for anything committed while this host was not listening (it also catches up on reconnect).
/// </summary>
internal sealed class OutboxListener<TRow>(OutboxConsumer<TRow> consumer, OutboxWakeUp<TRow> wakeUp) : IDatabaseListener
    where TRow : OutboxRow
{
    public IReadOnlyCollection<string> Channels { get; } = ["mikronet_" + consumer.Queue.Table];

    public Task ListeningAsync(CancellationToken ct)
    {
        wakeUp.Wake();
        return Task.CompletedTask;
    }

    public void Notified(string channel, string payload) => wakeUp.Wake();

    public void Lost()
    {
        // Nothing to fall back to: the loop polls anyway.
    }
}
