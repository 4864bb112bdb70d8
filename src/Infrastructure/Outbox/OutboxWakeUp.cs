namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// The one place to say "rows are waiting, deliver now" to a consumer's loop instead of letting it sleep out its
/// poll interval (for example from a LISTEN/NOTIFY listener, or after a commit in this host). Waking a loop that
/// is busy makes it run one more round as soon as the current one ends; extra wakes in between coalesce.
/// </summary>
public sealed class OutboxWakeUp<TRow> where TRow : OutboxRow
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the loop will run a round anyway.
        }
    }

    /// <summary>Waits until woken or until the timeout passes.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
