using GraphQL.DataLoader;

namespace MikroNet.Features.Graph.Paging;

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>
/// A Relay connection; the total is counted only when a query selects `totalCount`. The count is a loader result
/// so that nested connections (one per client) count all their parents in one statement.
/// </summary>
public sealed class Connection<T>(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, Func<IDataLoaderResult<int>> count)
{
    public IReadOnlyList<Edge<T>> Edges { get; } = edges;
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
    public PageInfo PageInfo { get; } = pageInfo;
    public IDataLoaderResult<int> TotalCount() => count();
}

/// <summary>A value computed when the execution strategy first awaits it (after the field's siblings resolved).</summary>
public sealed class Deferred<T>(Func<CancellationToken, Task<T>> get) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => get(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await get(cancellationToken);
}
