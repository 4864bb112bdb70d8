using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_report_payments_date",
                table: "payments",
                columns: new[] { "payment_date", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "invoice_id", "amount", "payment_method" });

            migrationBuilder.CreateIndex(
                name: "ix_report_invoices_date",
                table: "invoices",
                columns: new[] { "invoice_date", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "total_amount" });

            migrationBuilder.CreateIndex(
                name: "ix_report_invoices_open",
                table: "invoices",
                column: "invoice_date",
                filter: "status IN ('pending', 'partially_paid', 'overdue')")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "client_id", "due_date", "total_amount", "amount_paid" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_report_payments_date",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_report_invoices_date",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_report_invoices_open",
                table: "invoices");
        }
    }
}
