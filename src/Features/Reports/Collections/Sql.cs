namespace MikroNet.Features.Reports.Collections;

public static class Sql
{
    /// <summary>Longest overdue first, then the largest balance: the order an operator calls in.</summary>
    public const string Clients = $"""
        WITH {OpenInvoicesSql.Cte},
        owed AS (
            SELECT client_id, min(due_date) AS oldest_due, count(*) AS invoices, sum(balance) AS balance
            FROM open_invoices WHERE balance > 0 GROUP BY client_id)
        SELECT c.id, c.name, c.phone_number, {OpenInvoicesSql.ClientState}, r.name, o.oldest_due,
               greatest(@as_of - o.oldest_due, 0), o.invoices, o.balance
        FROM owed o JOIN clients c ON c.id = o.client_id LEFT JOIN routers r ON r.id = c.router_id
        ORDER BY o.oldest_due, o.balance DESC, c.id
        """;
}
