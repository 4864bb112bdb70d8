using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// EF's door to the database function invoice_is_overdue (migration BillingRules), the one definition of
/// "overdue": marked overdue, or unpaid and past its grace as of the given day even if enforcement has not
/// marked it yet. The query stays composable, so callers add their own filters and it all runs in one statement.
/// </summary>
public static class OverdueInvoices
{
    public static IQueryable<Invoice> AsOf(MikroNetDb db, LocalDate asOf, int graceDays) =>
        db.Invoices.FromSql($"SELECT * FROM invoices WHERE invoice_is_overdue(status, due_date, {asOf}, {graceDays})");
}
