using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Invoice lines (an invoice's total is their sum; every existing invoice becomes one line for its period),
    /// net and tax on invoices, and the two billing rules SQL needs for them: the period line's text
    /// (C# twin InvoiceLineText) and apply_invoice_tax, the only definition of the tax.
    /// </summary>
    public partial class InvoiceLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_total_amount",
                table: "invoices");

            migrationBuilder.AddColumn<decimal>(
                name: "net_amount",
                table: "invoices",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "tax_amount",
                table: "invoices",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "invoice_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    invoice_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    taxable = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_lines", x => x.id);
                    table.CheckConstraint("ck_invoice_lines_kind", "kind IN ('period', 'charge', 'proration', 'tax', 'credit')");
                    table.ForeignKey(
                        name: "fk_invoice_lines_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_tax_amount",
                table: "invoices",
                sql: "tax_amount >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_total_amount",
                table: "invoices",
                sql: "total_amount >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_invoice_id_position",
                table: "invoice_lines",
                columns: new[] { "invoice_id", "position" });

            migrationBuilder.Sql("""
                CREATE FUNCTION period_line_description(plan_name text, start_date date, end_date date)
                RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
                RETURN plan_name || ', ' || to_char(start_date, 'YYYY-MM-DD') || ' – ' || to_char(end_date, 'YYYY-MM-DD');
                """);

            // Invoices raised before lines existed: one line for what they billed, no tax.
            migrationBuilder.Sql("""
                UPDATE invoices SET net_amount = total_amount;
                INSERT INTO invoice_lines (invoice_id, position, kind, description, amount, taxable, created_at)
                SELECT i.id, 1, CASE WHEN i.kind = 'period' THEN 'period' ELSE 'charge' END,
                       CASE WHEN i.kind = 'period' THEN period_line_description(p.name, s.start_date, s.end_date)
                            ELSE 'Charge' END,
                       i.total_amount, true, i.created_at
                FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id JOIN plans p ON p.id = s.plan_id
                ORDER BY i.id;
                """);

            // The tax of freshly raised invoices (their lines written, no tax or credit yet), once per invoice:
            // taxable = the sum of the taxable lines; exclusive prices: tax = taxable × rate; prices including
            // tax: tax = taxable × rate / (1 + rate), taken out of the taxable lines. Rounded once per invoice to
            // minor_units decimals, half away from zero (numeric round). Taking it out of the lines uses running
            // sums (each line's share is round(running × tax / taxable) minus the same before it), so the shares
            // add up to the tax exactly and the lines still sum to the total. A rate of 0 touches nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION apply_invoice_tax(invoice_ids integer[], rate numeric, inclusive boolean, label text,
                                                  minor_units integer, at timestamptz)
                RETURNS TABLE (invoice_id integer, net_amount numeric, tax_amount numeric, total_amount numeric)
                LANGUAGE sql VOLATILE AS $$
                WITH taxable_lines AS (
                    SELECT l.id, l.invoice_id, l.amount,
                           sum(l.amount) OVER (PARTITION BY l.invoice_id ORDER BY l.position, l.id) AS running,
                           sum(l.amount) OVER (PARTITION BY l.invoice_id) AS taxable
                    FROM invoice_lines l
                    WHERE rate > 0 AND l.invoice_id = ANY(invoice_ids) AND l.taxable
                ),
                taxed AS (
                    SELECT i.id, i.total_amount AS lines_total, t.taxable,
                           round(CASE WHEN inclusive THEN t.taxable * rate / (1 + rate) ELSE t.taxable * rate END,
                                 minor_units) AS tax
                    FROM (SELECT DISTINCT ON (invoice_id) invoice_id, taxable FROM taxable_lines) t
                    JOIN invoices i ON i.id = t.invoice_id
                    WHERE t.taxable > 0
                ),
                taken_out AS (
                    UPDATE invoice_lines l
                    SET amount = l.amount - (round(tl.running * t.tax / t.taxable, minor_units)
                                           - round((tl.running - tl.amount) * t.tax / t.taxable, minor_units))
                    FROM taxable_lines tl JOIN taxed t ON t.id = tl.invoice_id
                    WHERE inclusive AND l.id = tl.id
                ),
                tax_lines AS (
                    INSERT INTO invoice_lines (invoice_id, position, kind, description, amount, taxable, created_at)
                    SELECT id, 900, 'tax', label, tax, false, at FROM taxed ORDER BY id
                )
                UPDATE invoices i
                SET net_amount = CASE WHEN inclusive THEN t.lines_total - t.tax ELSE t.lines_total END,
                    tax_amount = t.tax,
                    total_amount = CASE WHEN inclusive THEN t.lines_total ELSE t.lines_total + t.tax END
                FROM taxed t WHERE i.id = t.id
                RETURNING i.id, i.net_amount, i.tax_amount, i.total_amount
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION apply_invoice_tax(integer[], numeric, boolean, text, integer, timestamptz)");
            migrationBuilder.Sql("DROP FUNCTION period_line_description(text, date, date)");
            migrationBuilder.DropTable(
                name: "invoice_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_tax_amount",
                table: "invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_total_amount",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "net_amount",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "tax_amount",
                table: "invoices");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_total_amount",
                table: "invoices",
                sql: "total_amount > 0");
        }
    }
}
