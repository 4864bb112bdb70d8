namespace MikroNet.Features.Reports.ClientCounts;

public static class Sql
{
    public static string For(ClientGrouping by) => by switch
    {
        ClientGrouping.Status => ByStatus,
        ClientGrouping.Plan => ByPlan,
        _ => ByRouter,
    };

    /// <summary>All three states are listed, zeros included, so a chart keeps its colours.</summary>
    private const string ByStatus = $"""
        WITH states (ord, state) AS (VALUES (0, 'active'), (1, 'disabled'), (2, 'isolated')),
        counts AS (
            SELECT {OpenInvoicesSql.ClientState} AS state, count(*) AS clients
            FROM clients c WHERE c.deleted_at IS NULL GROUP BY 1)
        SELECT s.state, s.state, coalesce(n.clients, 0)
        FROM states s LEFT JOIN counts n USING (state)
        ORDER BY s.ord
        """;

    private const string ByPlan = """
        WITH counts AS (SELECT plan_id, count(*) AS clients FROM clients WHERE deleted_at IS NULL GROUP BY plan_id)
        SELECT coalesce(n.plan_id::text, ''), coalesce(p.name, 'none'), n.clients
        FROM counts n LEFT JOIN plans p ON p.id = n.plan_id
        ORDER BY p.name NULLS LAST, n.plan_id
        """;

    private const string ByRouter = """
        WITH counts AS (SELECT router_id, count(*) AS clients FROM clients WHERE deleted_at IS NULL GROUP BY router_id)
        SELECT coalesce(n.router_id::text, ''), coalesce(r.name, 'none'), n.clients
        FROM counts n LEFT JOIN routers r ON r.id = n.router_id
        ORDER BY r.name NULLS LAST, n.router_id
        """;
}
