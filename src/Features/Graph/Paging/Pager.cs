using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Graph.Paging;

public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    public static PageRequest From(IResolveFieldContext context) => new(
        context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
}

/// <summary>
/// The positions a page covers in the filtered, sorted list: from <see cref="Start"/> to <see cref="End"/>, or, for
/// `last` without `before` (<see cref="End"/> null), the last <see cref="FromEnd"/> items not before Start.
/// </summary>
public sealed record PageWindow(int Start, int? End, int? FromEnd)
{
    public static PageWindow From(PageRequest page, GraphOptions options)
    {
        if (page.First is < 0 || page.Last is < 0)
            throw new ExecutionError("'first' and 'last' must not be negative.") { Code = "INVALID_PAGE" };
        if (page.First > options.MaxPageSize || page.Last > options.MaxPageSize)
            throw new ExecutionError($"A page holds at most {options.MaxPageSize} items ('first'/'last').") { Code = "PAGE_TOO_LARGE" };

        var start = page.After is { } after ? Cursor.Decode(after) + 1 : 0;
        int? end = page.Before is { } before ? Cursor.Decode(before) : null;
        if (page.First is { } first) end = Math.Min(end ?? int.MaxValue, start + first);
        if (page.First is null && page.Last is null) end = Math.Min(end ?? int.MaxValue, start + options.DefaultPageSize);
        if (page.Last is not { } last) return new PageWindow(start, end, null);
        return end is { } e ? new PageWindow(Math.Max(start, e - last), e, null) : new PageWindow(start, null, last);
    }

    /// <summary>The window once the list's length is known.</summary>
    public (int Start, int End) Resolve(int count) =>
        End is { } end ? (Start, end) : (Math.Max(Start, count - FromEnd!.Value), count);
}

/// <summary>Relay paging over an ordered EF query: one statement for the page, one more only for totalCount.</summary>
public static class Pager
{
    public static async Task<Connection<T>> PageAsync<T>(IQueryable<T> ordered, Func<CancellationToken, Task<int>> count, PageRequest page,
        GraphOptions options, CancellationToken ct)
    {
        var window = PageWindow.From(page, options);
        int? total = null;
        async Task<int> CountAsync(CancellationToken token) => total ??= await count(token);

        var (start, end) = window.End is null ? window.Resolve(await CountAsync(ct)) : (window.Start, window.End.Value);
        var size = Math.Max(0, end - start);
        // One row past the page tells whether a next page exists without counting.
        var rows = size == 0 ? [] : await ordered.Skip(start).Take(size + 1).ToListAsync(ct);
        return Connect(rows, start, size, () => new Deferred<int>(CountAsync));
    }

    /// <summary>The page of <paramref name="size"/> rows from position <paramref name="start"/>; a row past it means a next page.</summary>
    public static Connection<T> Connect<T>(IReadOnlyList<T> rows, int start, int size, Func<GraphQL.DataLoader.IDataLoaderResult<int>> count)
    {
        var edges = rows.Take(size).Select((row, i) => new Edge<T>(Cursor.Encode(start + i), row)).ToList();
        var info = new PageInfo(
            HasNextPage: rows.Count > size,
            HasPreviousPage: start > 0,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, info, count);
    }
}
