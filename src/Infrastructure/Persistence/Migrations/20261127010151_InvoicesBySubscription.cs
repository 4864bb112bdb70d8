using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InvoicesBySubscription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_invoices_subscription_id",
                table: "invoices",
                column: "subscription_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoices_subscription_id",
                table: "invoices");
        }
    }
}
