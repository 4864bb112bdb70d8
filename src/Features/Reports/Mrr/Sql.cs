namespace MikroNet.Features.Reports.Mrr;

public static class Sql
{
    /// <summary>Active means what the clients report shows as active (not deleted, disabled or isolated), renewing.</summary>
    public const string ByPlan = """
        SELECT p.id, p.name, p.price, p.period_months, count(*), round(count(*) * p.price / p.period_months, 2)
        FROM clients c JOIN plans p ON p.id = c.plan_id
        WHERE c.deleted_at IS NULL AND c.status = 'active' AND c.isolated_at IS NULL AND c.auto_renew
        GROUP BY p.id
        ORDER BY p.name, p.id
        """;
}
