using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "gateway",
                table: "payments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gateway_method",
                table: "payments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "gateway_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    gateway = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    body = table.Column<string>(type: "text", maxLength: 255, nullable: false),
                    order_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    transaction_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    transaction_status = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    verdict = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    payment_link_id = table.Column<int>(type: "integer", nullable: true),
                    payment_id = table.Column<int>(type: "integer", nullable: true),
                    processed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_events", x => x.id);
                    table.CheckConstraint("ck_gateway_events_verdict", "verdict IN ('received', 'applied', 'ignored', 'rejected')");
                });

            migrationBuilder.CreateTable(
                name: "payment_links",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    invoice_id = table.Column<int>(type: "integer", nullable: false),
                    gateway = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    external_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    gateway_reference = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    url = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    expires_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_links", x => x.id);
                    table.CheckConstraint("ck_payment_links_amount", "amount > 0");
                    table.CheckConstraint("ck_payment_links_status", "status IN ('open', 'paid', 'expired', 'cancelled', 'failed', 'refunded')");
                    table.ForeignKey(
                        name: "fk_payment_links_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_gateway_reference",
                table: "payments",
                columns: new[] { "gateway", "reference" },
                unique: true,
                filter: "gateway IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_gateway_events_gateway_order_id",
                table: "gateway_events",
                columns: new[] { "gateway", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gateway_events_verdict_received_at",
                table: "gateway_events",
                columns: new[] { "verdict", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_links_gateway_external_id",
                table: "payment_links",
                columns: new[] { "gateway", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_links_one_open",
                table: "payment_links",
                columns: new[] { "invoice_id", "gateway" },
                unique: true,
                filter: "status = 'open'");

            migrationBuilder.CreateIndex(
                name: "ix_payment_links_status_created_at",
                table: "payment_links",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gateway_events");

            migrationBuilder.DropTable(
                name: "payment_links");

            migrationBuilder.DropIndex(
                name: "ix_payments_gateway_reference",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "gateway",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "gateway_method",
                table: "payments");
        }
    }
}
