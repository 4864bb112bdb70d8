using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MikroNet.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// NOTIFYs for GraphQL subscriptions, from triggers so that every writer (REST on any host, the CLI, the billing
    /// run, the outbox worker, a hand-run statement) is heard, and only once its transaction commits:
    /// <c>mikronet_client_changed</c> ("client id") when a client row is inserted or changes,
    /// <c>mikronet_invoice_changed</c> ("client id invoice id") when an invoice is raised or changes, and
    /// <c>mikronet_payment_recorded</c> ("client id payment id") when a payment is recorded or its status changes.
    /// </summary>
    public partial class LiveNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_client_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('mikronet_client_changed', NEW.id::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER clients_notify_inserted AFTER INSERT ON clients
                    FOR EACH ROW EXECUTE FUNCTION notify_client_changed();
                CREATE TRIGGER clients_notify_changed AFTER UPDATE ON clients
                    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_client_changed();

                CREATE FUNCTION notify_invoice_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('mikronet_invoice_changed', NEW.client_id::text || ' ' || NEW.id::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER invoices_notify_inserted AFTER INSERT ON invoices
                    FOR EACH ROW EXECUTE FUNCTION notify_invoice_changed();
                CREATE TRIGGER invoices_notify_changed AFTER UPDATE ON invoices
                    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_invoice_changed();

                CREATE FUNCTION notify_payment_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('mikronet_payment_recorded',
                        (SELECT client_id FROM invoices WHERE id = NEW.invoice_id)::text || ' ' || NEW.id::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER payments_notify_recorded AFTER INSERT ON payments
                    FOR EACH ROW EXECUTE FUNCTION notify_payment_recorded();
                CREATE TRIGGER payments_notify_status AFTER UPDATE OF status ON payments
                    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION notify_payment_recorded();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER payments_notify_status ON payments;
                DROP TRIGGER payments_notify_recorded ON payments;
                DROP FUNCTION notify_payment_recorded();
                DROP TRIGGER invoices_notify_changed ON invoices;
                DROP TRIGGER invoices_notify_inserted ON invoices;
                DROP FUNCTION notify_invoice_changed();
                DROP TRIGGER clients_notify_changed ON clients;
                DROP TRIGGER clients_notify_inserted ON clients;
                DROP FUNCTION notify_client_changed();
                """);
        }
    }
}
