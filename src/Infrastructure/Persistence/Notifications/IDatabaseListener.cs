namespace MikroNet.Infrastructure.Persistence.Notifications;

/// <summary>Something kept current by PostgreSQL NOTIFY on one channel (sent by a trigger, so in the writing transaction).</summary>
public interface IDatabaseListener
{
    string Channel { get; }

    /// <summary>
    /// LISTEN is in place (at start and after every reconnect): catch up on whatever may have been missed before.
    /// </summary>
    Task ListeningAsync(CancellationToken ct);

    /// <summary>A notification arrived; runs on the listening connection's thread, so it must be quick.</summary>
    void Notified(string payload);

    /// <summary>The connection is gone: notifications may be missed until <see cref="ListeningAsync"/> runs again.</summary>
    void Lost();
}
