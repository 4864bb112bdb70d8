namespace MikroNet.Features.Reports.Summary;

public static class Sql
{
    /// <summary>
    /// MRR as in the MRR report; collected = completed payments dated from the 1st of @as_of's month to @as_of;
    /// outstanding = the aging report's total as of @as_of; overdue clients = live
    /// clients with an invoice overdue by billing's rule (invoice_is_overdue: marked overdue, or unpaid more than
    /// @grace days past its due date); isolated = live clients billing has cut off; failing router changes = outbox commands refused for
    /// good or waiting to retry after an error.
    /// </summary>
    public const string Figures = $"""
        WITH {OpenInvoicesSql.Cte}
        SELECT
            (SELECT coalesce(sum(x.amount), 0) FROM ({Mrr.Sql.ByPlan}) AS x (plan_id, name, price, months, clients, amount)),
            (SELECT coalesce(sum(amount), 0) FROM payments
             WHERE status = 'success' AND payment_date BETWEEN date_trunc('month', @as_of::date)::date AND @as_of),
            (SELECT coalesce(sum(balance), 0) FROM open_invoices WHERE balance > 0),
            (SELECT count(*) FROM clients c WHERE c.deleted_at IS NULL AND EXISTS (
                SELECT 1 FROM invoices i WHERE i.client_id = c.id AND invoice_is_overdue(i.status, i.due_date, @as_of, @grace))),
            (SELECT count(*) FROM clients WHERE deleted_at IS NULL AND isolated_at IS NOT NULL),
            (SELECT count(*) FROM router_commands
             WHERE status = 'failed' OR (status = 'pending' AND last_error IS NOT NULL))
        """;
}
