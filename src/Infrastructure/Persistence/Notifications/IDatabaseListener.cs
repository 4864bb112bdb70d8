namespace MikroNet.Infrastructure.Persistence.Notifications;

/// <summary>Something kept current by PostgreSQL NOTIFY (sent by a trigger, so in the writing transaction).</summary>
public interface IDatabaseListener
{
    IReadOnlyCollection<string> Channels { get; }

    /// <summary>
    /// LISTEN is in place (at start and after every reconnect): catch up on whatever may have been missed before.
    /// </summary>
    Task ListeningAsync(CancellationToken ct);

    /// <summary>A notification arrived; runs on the listening connection's thread, so it must be quick.</summary>
    void Notified(string channel, string payload);

    /// <summary>The connection is gone: notifications may be missed until <see cref="ListeningAsync"/> runs again.</summary>
    void Lost();
}
