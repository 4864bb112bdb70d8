using System.Threading.Channels;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Background lanes that take the work requests queue (<see cref="ReadBatches"/>, <see cref="SharedTransactions"/>):
/// each lane takes what waits and does it together. The lanes outlive the request that happens to build them: they
/// take none of its context (its trace, its HttpContext); each piece of work runs in a request's context instead
/// (<see cref="Contexts.RunIn"/>).
/// </summary>
public abstract class Lanes<T> : IAsyncDisposable, IDisposable
{
    private readonly Channel<T> _waiting = Channel.CreateUnbounded<T>();
    private readonly Task[] _lanes;

    /// <param name="lanes">Lanes at work at once.</param>
    protected Lanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _lanes = new Task[lanes];
        using (ExecutionContext.SuppressFlow())
            for (var i = 0; i < lanes; i++) _lanes[i] = Task.Run(() => RunLaneAsync(_waiting.Reader));
    }

    /// <summary>Queues the work; refused once disposal has begun.</summary>
    protected void Enqueue(T work)
    {
        if (!_waiting.Writer.TryWrite(work)) throw new ObjectDisposedException(GetType().Name);
    }

    /// <summary>One lane: takes from <paramref name="waiting"/> until it is completed and empty.</summary>
    protected abstract Task RunLaneAsync(ChannelReader<T> waiting);

    /// <summary>Takes no more work, lets the lanes do what waits and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await Task.WhenAll(_lanes);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Takes no more work; the lanes do what waits and end on their own. For a container disposed synchronously,
    /// which refuses a singleton that is only asynchronously disposable.
    /// </summary>
    public void Dispose()
    {
        _waiting.Writer.TryComplete();
        GC.SuppressFinalize(this);
    }
}
