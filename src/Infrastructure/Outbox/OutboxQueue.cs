namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// Where a consumer's rows live and in which order they may be delivered. Rows with the same
/// <see cref="OrderKey"/> value are delivered one at a time in id order (a row being retried holds back the ones
/// after it); rows whose key is NULL are independent. Column and table names are code constants, never input.
/// </summary>
/// <param name="Table">The outbox table, for example <c>router_commands</c>.</param>
/// <param name="OrderKey">The column whose rows are delivered in order, for example <c>client_id</c>.</param>
public sealed record OutboxQueue(string Table, string OrderKey)
{
    /// <summary>
    /// Optional barrier: a pending row matching <see cref="BarrierWhere"/> holds back every later row with the same
    /// value in this column (the router outbox: a profile must exist before secrets that name it).
    /// </summary>
    public string? BarrierGroup { get; init; }

    /// <summary>SQL condition on the table's columns that marks barrier rows, for example <c>kind = 'ensure_profile'</c>.</summary>
    public string? BarrierWhere { get; init; }

    /// <summary>
    /// Claims due rows: each key's head is found in one pass (DISTINCT ON), because a correlated NOT EXISTS planned
    /// on a table just filled in bulk (before autovacuum analysed it) went quadratic, 2 s per claim at 10,000 rows.
    /// FOR UPDATE SKIP LOCKED keeps concurrent rounds (other hosts) off each other's rows. {0} = now, {1} = limit.
    /// </summary>
    internal string ClaimSql()
    {
        var barrier = BarrierGroup is not null && BarrierWhere is not null;
        var barriers = barrier
            ? $",\n    barriers AS (SELECT {BarrierGroup} AS barrier_group, min(id) AS first_id FROM {Table}\n"
              + $"        WHERE status = 'pending' AND {BarrierWhere} GROUP BY {BarrierGroup})"
            : "";
        var join = barrier ? $"LEFT JOIN barriers b ON b.barrier_group = c.{BarrierGroup}" : "";
        var held = barrier ? "AND (b.first_id IS NULL OR c.id <= b.first_id)" : "";
        return $$"""
            WITH heads AS (
                SELECT DISTINCT ON ({{OrderKey}}) id FROM {{Table}}
                WHERE status = 'pending' AND {{OrderKey}} IS NOT NULL
                ORDER BY {{OrderKey}}, id){{barriers}}
            SELECT c.* FROM {{Table}} c
            {{join}}
            WHERE c.status = 'pending' AND c.next_attempt_at <= {0}
              AND (c.{{OrderKey}} IS NULL OR c.id IN (SELECT id FROM heads))
              {{held}}
            ORDER BY c.id
            LIMIT {1}
            FOR UPDATE OF c SKIP LOCKED
            """;
    }
}
