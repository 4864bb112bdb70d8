namespace MikroNet.Features.Common;

/// <summary>
/// One page of a keyset-paged list: <c>next_after</c> is the value to send as <c>after</c> for the next page, null on
/// the last one. Keyset paging stays exact while rows are added, unlike offsets.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextAfter)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Builds a page from up to limit + 1 rows fetched in order: the extra row only says another page exists.</summary>
    public static Page<T> From(IReadOnlyList<T> rows, int limit, Func<T, long> key) =>
        rows.Count > limit ? new Page<T>(rows.Take(limit).ToList(), key(rows[limit - 1])) : new Page<T>(rows, null);
}
