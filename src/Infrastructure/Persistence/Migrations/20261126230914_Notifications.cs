using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "clients",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "notification_channels",
                table: "clients",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "notifications_opt_out",
                table: "clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "notifications_failed",
                table: "billing_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "notification_templates",
                columns: table => new
                {
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    subject = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    body = table.Column<string>(type: "text", maxLength: 255, nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_templates", x => new { x.@event, x.channel, x.language });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    client_id = table.Column<int>(type: "integer", nullable: false),
                    invoice_id = table.Column<int>(type: "integer", nullable: true),
                    payment_id = table.Column<int>(type: "integer", nullable: true),
                    on_date = table.Column<LocalDate>(type: "date", nullable: false),
                    recipient = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    skip_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    order_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, computedColumnSql: "client_id::text || ':' || channel", stored: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.CheckConstraint("ck_notifications_channel", "channel IN ('email', 'whatsapp', 'sms')");
                    table.CheckConstraint("ck_notifications_event", "event IN ('invoice_raised', 'invoice_reminder', 'client_isolated', 'client_restored', 'payment_received')");
                    table.CheckConstraint("ck_notifications_status", "status IN ('pending', 'done', 'failed')");
                    table.ForeignKey(
                        name: "fk_notifications_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notifications_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notifications_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_clients_notification_channels",
                table: "clients",
                sql: "notification_channels <@ ARRAY['email', 'whatsapp', 'sms']::text[]");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_client_id_id",
                table: "notifications",
                columns: new[] { "client_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_invoice_id_event_channel_client_id_payment_id",
                table: "notifications",
                columns: new[] { "invoice_id", "event", "channel", "client_id", "payment_id", "on_date" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_payment_id",
                table: "notifications",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_next_attempt_at",
                table: "notifications",
                columns: new[] { "status", "next_attempt_at" });

            // A committed message wakes every host's notification loop at once (the function is NotifyOnRevokeAndOutbox's).
            migrationBuilder.Sql("""
                CREATE TRIGGER notifications_notify_inserted AFTER INSERT ON notifications
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER notifications_notify_inserted ON notifications;");

            migrationBuilder.DropTable(
                name: "notification_templates");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_clients_notification_channels",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "email",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "notification_channels",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "notifications_opt_out",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "notifications_failed",
                table: "billing_runs");
        }
    }
}
