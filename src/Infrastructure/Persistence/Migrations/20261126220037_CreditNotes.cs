using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Void reason, credit notes with their own gapless numbers, client credit (balance and ledger), and
    /// apply_client_credit, the only place a billing run uses credit.
    /// </summary>
    public partial class CreditNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "void_reason",
                table: "invoices",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "voided_at",
                table: "invoices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "credit_balance",
                table: "clients",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "credit_note_number_counters",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_note_number_counters", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "credit_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number_year = table.Column<int>(type: "integer", nullable: false),
                    number_sequence = table.Column<int>(type: "integer", nullable: false),
                    invoice_id = table.Column<int>(type: "integer", nullable: false),
                    client_id = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    applied_to_invoice = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    to_client_credit = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    created_by_user_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_notes", x => x.id);
                    table.CheckConstraint("ck_credit_notes_amount", "amount > 0");
                    table.CheckConstraint("ck_credit_notes_split", "applied_to_invoice >= 0 AND to_client_credit >= 0 AND applied_to_invoice + to_client_credit = amount");
                    table.ForeignKey(
                        name: "fk_credit_notes_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_notes_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "client_credit_entries",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    invoice_id = table.Column<int>(type: "integer", nullable: true),
                    credit_note_id = table.Column<int>(type: "integer", nullable: true),
                    payment_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_credit_entries", x => x.id);
                    table.CheckConstraint("ck_client_credit_entries_kind", "kind IN ('credit_note', 'overpayment', 'applied', 'returned')");
                    table.ForeignKey(
                        name: "fk_client_credit_entries_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_client_credit_entries_credit_notes_credit_note_id",
                        column: x => x.credit_note_id,
                        principalTable: "credit_notes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_client_credit_entries_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_client_credit_entries_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clients_with_credit",
                table: "clients",
                column: "id",
                filter: "credit_balance > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_clients_credit_balance",
                table: "clients",
                sql: "credit_balance >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_client_credit_entries_client_id",
                table: "client_credit_entries",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_client_credit_entries_credit_note_id",
                table: "client_credit_entries",
                column: "credit_note_id");

            migrationBuilder.CreateIndex(
                name: "ix_client_credit_entries_invoice_id",
                table: "client_credit_entries",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_client_credit_entries_payment_id",
                table: "client_credit_entries",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_notes_client_id",
                table: "credit_notes",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_notes_invoice_id",
                table: "credit_notes",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_notes_number",
                table: "credit_notes",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_notes_number_year_number_sequence",
                table: "credit_notes",
                columns: new[] { "number_year", "number_sequence" },
                unique: true);

            // Credit is used oldest invoice first per client (invoice date, then number): each invoice takes what the
            // invoices before it in this call left of the balance, up to its own total. The balance is lowered with
            // "credit_balance - used", so credit given concurrently (a credit note committed meanwhile) is kept.
            migrationBuilder.Sql("""
                CREATE FUNCTION apply_client_credit(invoice_ids integer[], at timestamptz)
                RETURNS TABLE (invoice_id integer, credit_applied numeric, total_amount numeric)
                LANGUAGE sql VOLATILE AS $$
                WITH candidates AS (
                    SELECT i.id, i.client_id, i.total_amount, c.credit_balance,
                           coalesce(sum(i.total_amount) OVER (PARTITION BY i.client_id
                               ORDER BY i.invoice_date, i.number_year, i.number_sequence
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                    FROM clients c JOIN invoices i ON i.client_id = c.id
                    WHERE c.credit_balance > 0 AND i.id = ANY(invoice_ids) AND i.total_amount > 0
                ),
                applied AS (
                    SELECT id, client_id, least(total_amount, credit_balance - before) AS amount
                    FROM candidates WHERE credit_balance > before
                ),
                credit_lines AS (
                    INSERT INTO invoice_lines (invoice_id, position, kind, description, amount, taxable, created_at)
                    SELECT id, 950, 'credit', 'Credit applied', -amount, false, at FROM applied ORDER BY id
                ),
                entries AS (
                    INSERT INTO client_credit_entries (client_id, amount, kind, invoice_id, created_at)
                    SELECT client_id, -amount, 'applied', id, at FROM applied ORDER BY id
                ),
                balances AS (
                    UPDATE clients c SET credit_balance = c.credit_balance - a.used
                    FROM (SELECT client_id, sum(amount) AS used FROM applied GROUP BY client_id) a
                    WHERE c.id = a.client_id
                )
                UPDATE invoices i
                SET total_amount = i.total_amount - a.amount,
                    status = CASE WHEN i.total_amount - a.amount = 0 THEN 'paid' ELSE i.status END
                FROM applied a WHERE i.id = a.id
                RETURNING i.id, a.amount, i.total_amount
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION apply_client_credit(integer[], timestamptz)");
            migrationBuilder.DropTable(
                name: "client_credit_entries");

            migrationBuilder.DropTable(
                name: "credit_note_number_counters");

            migrationBuilder.DropTable(
                name: "credit_notes");

            migrationBuilder.DropIndex(
                name: "ix_clients_with_credit",
                table: "clients");

            migrationBuilder.DropCheckConstraint(
                name: "ck_clients_credit_balance",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "void_reason",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "voided_at",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "credit_balance",
                table: "clients");
        }
    }
}
