using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Seed values: a recorded payment is `success` (was `completed`), and usernames are unique without regard to
    /// case (a unique index on lower(username), which EF Core cannot model). Existing names that differ only by case
    /// keep the oldest as is; the others get their id appended ("Admin" → "Admin-7") so the index can be built.
    /// </summary>
    public partial class SeedValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_username",
                table: "users");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_status",
                table: "payments");

            migrationBuilder.Sql("UPDATE payments SET status = 'success' WHERE status = 'completed';");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_status",
                table: "payments",
                sql: "status IN ('success', 'refunded')");

            migrationBuilder.Sql("""
                UPDATE users u SET username = left(u.username, 50 - length(u.id::text) - 1) || '-' || u.id
                WHERE EXISTS (SELECT 1 FROM users o WHERE lower(o.username) = lower(u.username) AND o.id < u.id);
                CREATE UNIQUE INDEX ix_users_username_lower ON users (lower(username));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_users_username_lower;");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_status",
                table: "payments");

            migrationBuilder.Sql("UPDATE payments SET status = 'completed' WHERE status = 'success';");

            migrationBuilder.CreateIndex(
                name: "ix_users_username",
                table: "users",
                column: "username",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_status",
                table: "payments",
                sql: "status IN ('completed', 'refunded')");
        }
    }
}
