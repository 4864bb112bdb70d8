using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Graph.Paging;

public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    public static PageRequest From(IResolveFieldContext context) => new(
        context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
        context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
}

/// <summary>Relay paging over an ordered EF query: one statement for the page, one more only for totalCount.</summary>
public static class Pager
{
    public static async Task<Connection<T>> PageAsync<T>(IQueryable<T> ordered, Func<CancellationToken, Task<int>> count, PageRequest page,
        GraphOptions options, CancellationToken ct)
    {
        if (page.First is < 0 || page.Last is < 0)
            throw new ExecutionError("'first' and 'last' must not be negative.") { Code = "INVALID_PAGE" };
        if (page.First > options.MaxPageSize || page.Last > options.MaxPageSize)
            throw new ExecutionError($"A page holds at most {options.MaxPageSize} items ('first'/'last').") { Code = "PAGE_TOO_LARGE" };

        int? total = null;
        async Task<int> CountAsync(CancellationToken token) => total ??= await count(token);

        var start = page.After is { } after ? Cursor.Decode(after) + 1 : 0;
        int? end = page.Before is { } before ? Cursor.Decode(before) : null;
        if (page.First is { } first) end = Math.Min(end ?? int.MaxValue, start + first);
        if (page.Last is { } last)
        {
            end ??= await CountAsync(ct);
            start = Math.Max(start, end.Value - last);
        }
        if (page.First is null && page.Last is null) end = Math.Min(end ?? int.MaxValue, start + options.DefaultPageSize);

        var size = Math.Max(0, end!.Value - start);
        // One row past the page tells whether a next page exists without counting.
        var rows = size == 0 ? [] : await ordered.Skip(start).Take(size + 1).ToListAsync(ct);
        var edges = rows.Take(size).Select((row, i) => new Edge<T>(Cursor.Encode(start + i), row)).ToList();
        var info = new PageInfo(
            HasNextPage: rows.Count > size,
            HasPreviousPage: start > 0,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, info, CountAsync);
    }
}
