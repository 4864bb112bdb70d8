using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PlanChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "anchor_index",
                table: "clients",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "anchor_index",
                table: "clients");
        }
    }
}
