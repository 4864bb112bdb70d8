using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The billing rules that SQL needs, defined once in the database. They are plain IMMUTABLE SQL functions,
    /// so the planner inlines them into the statements that call them and they cost nothing at run time.
    /// The C# twins (Periods, InvoiceNumbers) are proven equal to these by BillingRulesEquivalenceTests.
    /// </summary>
    public partial class BillingRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Overdue: marked overdue, or unpaid and past its grace as of the given day even if no enforcement
            // run has marked it yet. Generation, enforcement, payment restore and GraphQL all ask this.
            migrationBuilder.Sql("""
                CREATE FUNCTION invoice_is_overdue(status text, due_date date, as_of date, grace_days integer)
                RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN status = 'overdue'
                    OR (status IN ('pending', 'partially_paid') AND due_date + grace_days < as_of);
                """);
            // Period k starts at anchor + k × months, always counted from the anchor; date + interval clamps to
            // the month's last day (Jan 31 + 1 month = Feb 28/29) exactly as NodaTime's PlusMonths does.
            migrationBuilder.Sql("""
                CREATE FUNCTION billing_period_start(anchor date, period_months integer, period_index integer)
                RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN (anchor + make_interval(months => period_index * period_months))::date;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION billing_period_end(anchor date, period_months integer, period_index integer)
                RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN billing_period_start(anchor, period_months, period_index + 1) - 1;
                """);
            // INV-yyyy-nnnnnn: at least six digits, more once a year passes 999,999 invoices.
            migrationBuilder.Sql("""
                CREATE FUNCTION invoice_number(year integer, sequence bigint)
                RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN 'INV-' || year || '-' || lpad(sequence::text, greatest(6, length(sequence::text)), '0');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION invoice_number(integer, bigint)");
            migrationBuilder.Sql("DROP FUNCTION billing_period_end(date, integer, integer)");
            migrationBuilder.Sql("DROP FUNCTION billing_period_start(date, integer, integer)");
            migrationBuilder.Sql("DROP FUNCTION invoice_is_overdue(text, date, date, integer)");
        }
    }
}
