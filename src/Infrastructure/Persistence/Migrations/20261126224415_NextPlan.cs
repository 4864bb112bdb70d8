using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NextPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "next_plan_id",
                table: "clients",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_next_plan_id",
                table: "clients",
                column: "next_plan_id");

            migrationBuilder.AddForeignKey(
                name: "fk_clients_plans_next_plan_id",
                table: "clients",
                column: "next_plan_id",
                principalTable: "plans",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_clients_plans_next_plan_id",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_next_plan_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "next_plan_id",
                table: "clients");
        }
    }
}
