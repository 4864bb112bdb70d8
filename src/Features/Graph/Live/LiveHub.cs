using System.Collections.Concurrent;

namespace MikroNet.Features.Graph.Live;

/// <summary>What a subscription listens to: `client:7` (clientChanged), `invoice:7` (invoiceChanged), `payment` / `payment:7`.</summary>
public readonly record struct LiveTopic(string Value)
{
    public static LiveTopic Client(int clientId) => new($"client:{clientId}");
    public static LiveTopic Invoice(int clientId) => new($"invoice:{clientId}");
    public static LiveTopic Payment(int? clientId) => new(clientId is { } id ? $"payment:{id}" : "payment");
}

/// <summary>Receives the rows of the events of its topic (a subscription of one WebSocket connection).</summary>
public interface ILiveSubscriber
{
    void Deliver(object row);
}

/// <summary>
/// The open subscriptions of this host by topic. Each host has its own; events reach every host through PostgreSQL
/// NOTIFY (<see cref="LiveEvents"/>), and each host hands them to its own subscribers.
/// </summary>
public sealed class LiveHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<ILiveSubscriber, byte>> _topics = new();
    private int _count;

    /// <summary>Open subscriptions on this host.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Add(LiveTopic topic, ILiveSubscriber subscriber)
    {
        if (_topics.GetOrAdd(topic.Value, _ => new()).TryAdd(subscriber, 0)) Interlocked.Increment(ref _count);
    }

    public void Remove(LiveTopic topic, ILiveSubscriber subscriber)
    {
        if (_topics.TryGetValue(topic.Value, out var subscribers) && subscribers.TryRemove(subscriber, out _))
            Interlocked.Decrement(ref _count);
    }

    public bool Has(LiveTopic topic) => _topics.TryGetValue(topic.Value, out var subscribers) && !subscribers.IsEmpty;

    public void Publish(LiveTopic topic, object row)
    {
        if (!_topics.TryGetValue(topic.Value, out var subscribers)) return;
        foreach (var subscriber in subscribers.Keys) subscriber.Deliver(row);
    }

    /// <summary>The clients someone watches with clientChanged (to resend their state after missed notifications).</summary>
    public IEnumerable<int> WatchedClients() =>
        _topics.Where(t => !t.Value.IsEmpty && t.Key.StartsWith("client:", StringComparison.Ordinal))
            .Select(t => int.Parse(t.Key.AsSpan(7), System.Globalization.CultureInfo.InvariantCulture));
}
