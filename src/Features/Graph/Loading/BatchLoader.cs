using GraphQL.DataLoader;

namespace MikroNet.Features.Graph.Loading;

/// <summary>
/// Collects the keys that one level of a query asks for and fetches them in one round trip when the execution
/// strategy first awaits a result (GraphQL.NET completes <see cref="IDataLoaderResult"/> nodes only after every
/// sibling has been resolved). Keys asked for later start a new batch. One instance per request: results are
/// cached for its lifetime only.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue missing)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _loaded = [];
    private readonly HashSet<TKey> _pending = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_pending)
        {
            if (!_loaded.ContainsKey(key)) _pending.Add(key);
        }
        return new Result(this, key);
    }

    /// <summary>
    /// Stores a value read by another query (a client's tree read in one statement), so that asking for the key costs
    /// no statement. A key already loaded keeps its value: one request answers with one value per key.
    /// </summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_pending)
        {
            if (_loaded.TryAdd(key, value)) _pending.Remove(key);
        }
    }

    private async Task<TValue> GetAsync(TKey key, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_loaded.TryGetValue(key, out var value)) return value;
            TKey[] batch;
            lock (_pending)
            {
                _pending.Add(key);
                batch = [.. _pending];
                _pending.Clear();
            }
            var found = await fetch(batch, ct);
            foreach (var k in batch) _loaded[k] = found.TryGetValue(k, out var v) ? v : missing;
            return _loaded[key];
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
