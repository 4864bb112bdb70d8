using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// How many requests GraphQL.NET executes at once (`GraphQL:MaxConcurrentExecutions`); the others wait their turn.
/// An execution holds its whole result in memory until it is written: one client's tree is small, but a page of 100
/// clients with every invoice and payment was 3.5 MB of JSON, and 25 of them at once exhausted the host's capped
/// small-object heap and ended the process (docs/graphql.md). Answers PostgreSQL writes (Sql/SqlAnswers) take no slot.
/// </summary>
internal sealed class ExecutionSlots(IOptions<GraphOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentExecutions);

    /// <summary>Waits for a slot (or for the caller to give up); disposing the lease gives it back.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Lease(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
