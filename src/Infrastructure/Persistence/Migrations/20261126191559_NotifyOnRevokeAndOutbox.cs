using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// NOTIFY from triggers, so that it is part of the writing transaction whatever path wrote the row (EF, the
    /// enforcement SQL, a hand-run statement) and reaches listeners only when that transaction commits:
    /// a revoked token on <c>mikronet_token_revoked</c> ("id expiry-unix-seconds"), and new outbox rows on
    /// <c>mikronet_&lt;table&gt;</c> (one notification per statement, however many rows it inserted).
    /// Another outbox table gets the same trigger with <c>EXECUTE FUNCTION notify_outbox()</c>.
    /// </summary>
    public partial class NotifyOnRevokeAndOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_token_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('mikronet_token_revoked',
                        NEW.id::text || ' ' || floor(extract(epoch FROM NEW.expires_at))::bigint::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER user_tokens_notify_revoked AFTER UPDATE OF revoked_at ON user_tokens
                    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
                    EXECUTE FUNCTION notify_token_revoked();

                CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('mikronet_' || TG_TABLE_NAME, '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER router_commands_notify_inserted AFTER INSERT ON router_commands
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER router_commands_notify_inserted ON router_commands;
                DROP FUNCTION notify_outbox();
                DROP TRIGGER user_tokens_notify_revoked ON user_tokens;
                DROP FUNCTION notify_token_revoked();
                """);
        }
    }
}
