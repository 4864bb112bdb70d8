using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "audit_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_action",
                table: "audit_log",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id",
                table: "audit_log",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_log_action",
                table: "audit_log");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_user_id",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "address",
                table: "audit_log");
        }
    }
}
