using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Graph.Sql;

/// <summary>
/// The one-client tree's types spelled in SQL: for each field, the JSON value GraphQL.NET writes for it (Types/*.cs).
/// Enums are stored in snake_case and named in CONSTANT_CASE in the schema, so `upper(column)` is their GraphQL name;
/// money is numeric(14,2), written with two decimals as System.Text.Json writes the decimal read from it; dates are
/// ISO (`yyyy-MM-dd`), instants as <see cref="PostgresJson.Instant"/>; the global ids are the base64 of "Type:key"
/// (<see cref="Nodes.GlobalId"/>). A field missing here (notifications, the invoices page, Invoice.client …)
/// sends its document down the ordinary path. SqlAnswersTests hold every field here equal to what GraphQL.NET writes.
/// </summary>
public static class SqlTypes
{
    public static readonly SqlObjectType Plan = new("Plan", new Dictionary<string, SqlField>
    {
        ["id"] = GlobalId("Plan"),
        ["planId"] = Column("id"),
        ["name"] = Column("name"),
        ["price"] = Column("price"),
        ["periodMonths"] = Column("period_months"),
        ["pppProfile"] = Column("ppp_profile"),
        ["rateLimit"] = Column("rate_limit"),
    });

    public static readonly SqlObjectType Router = new("Router", new Dictionary<string, SqlField>
    {
        ["id"] = GlobalId("Router"),
        ["routerId"] = Column("id"),
        ["name"] = Column("name"),
        ["host"] = Column("host"),
        ["port"] = Column("port"),
        ["useTls"] = Column("use_tls"),
    });

    public static readonly SqlObjectType Payment = new("Payment", new Dictionary<string, SqlField>
    {
        ["id"] = GlobalId("Payment"),
        ["paymentId"] = Column("id"),
        ["amount"] = Column("amount"),
        ["paymentDate"] = Column("payment_date"),
        ["paymentMethod"] = Enum("payment_method"),
        ["paymentStatus"] = Enum("status"),
        ["reference"] = Column("reference"),
    });

    public static readonly SqlObjectType InvoiceLine = new("InvoiceLine", new Dictionary<string, SqlField>
    {
        ["kind"] = Enum("kind"),
        ["description"] = Column("description"),
        ["amount"] = Column("amount"),
        ["taxable"] = Column("taxable"),
    });

    public static readonly SqlObjectType PaymentLink = new("PaymentLink", new Dictionary<string, SqlField>
    {
        ["gateway"] = Column("gateway"),
        ["url"] = Column("url"),
        ["status"] = Enum("status"),
        ["amount"] = Column("amount"),
        ["expiresAt"] = Instant("expires_at"),
    });

    public static readonly SqlObjectType Invoice = new("Invoice", new Dictionary<string, SqlField>
    {
        ["id"] = GlobalId("Invoice"),
        ["invoiceId"] = Column("id"),
        ["number"] = Column("number"),
        ["invoiceDate"] = Column("invoice_date"),
        ["dueDate"] = Column("due_date"),
        ["netAmount"] = Column("net_amount"),
        ["taxAmount"] = Column("tax_amount"),
        ["totalAmount"] = Column("total_amount"),
        ["amountPaid"] = Column("amount_paid"),
        ["balance"] = new ScalarField(t => $"{t}.total_amount - {t}.amount_paid"),
        ["invoiceStatus"] = Enum("status"),
        // Billing's rule, the database function GraphLoaders.OverdueInvoices asks.
        ["overdue"] = new AsOfTodayField((t, today, grace) => $"invoice_is_overdue({t}.status, {t}.due_date, {today}, {grace})"),
        ["clientId"] = Column("client_id"),
        ["lines"] = new ListField(InvoiceLine, "invoice_lines", "invoice_id", ["position", "id"]),
        ["payments"] = new ListField(Payment, "payments", "invoice_id", ["payment_date", "id"]),
        ["paymentLinks"] = new ListField(PaymentLink, "payment_links", "invoice_id", ["id"]),
    });

    public static readonly SqlObjectType Subscription = new("Subscription", new Dictionary<string, SqlField>
    {
        ["id"] = GlobalId("Subscription"),
        ["subscriptionId"] = Column("id"),
        ["startDate"] = Column("start_date"),
        ["endDate"] = Column("end_date"),
        ["price"] = Column("price"),
        ["status"] = Enum("status"),
        ["plan"] = new ReferenceField(Plan, "plans", "plan_id"),
        ["invoices"] = new ListField(Invoice, "invoices", "subscription_id", ["invoice_date", "id"]),
    });

    public static readonly SqlObjectType Provisioning = new("Provisioning", new Dictionary<string, SqlField>
    {
        ["state"] = Enum("provisioning_state"),
        ["lastError"] = Column("provisioning_error"),
    });

    public static readonly SqlObjectType Client = new("Client", new Dictionary<string, SqlField>
    {
        ["id"] = GlobalId("Client"),
        ["clientId"] = Column("id"),
        ["name"] = Column("name"),
        ["phoneNumber"] = Column("phone_number"),
        ["address"] = Column("address"),
        ["pppSecretName"] = Column("ppp_secret_name"),
        ["status"] = new ScalarField(t => $"upper({ClientStates.Sql(t)})"),
        ["isolatedAt"] = Instant("isolated_at"),
        ["createdAt"] = Instant("created_at"),
        ["provisioning"] = new RowObjectField(Provisioning),
        ["router"] = new ReferenceField(Router, "routers", "router_id"),
        ["plan"] = new ReferenceField(Plan, "plans", "plan_id"),
        ["creditBalance"] = Column("credit_balance"),
        ["email"] = Column("email"),
        // Null (the configured default) stays null; an empty choice is an empty list.
        ["notificationChannels"] = new ScalarField(t => $"""
            CASE WHEN {t}.notification_channels IS NOT NULL THEN coalesce((SELECT json_agg(upper(n.channel) ORDER BY n.position)
              FROM unnest({t}.notification_channels) WITH ORDINALITY AS n(channel, position)), '[]') END
            """),
        ["notificationsOptOut"] = Column("notifications_opt_out"),
        // GraphLoaders.OutstandingByClient: 0 when nothing is open.
        ["outstandingBalance"] = new ScalarField(t => $"""
            coalesce((SELECT sum(o.total_amount - o.amount_paid) FROM invoices o
              WHERE o.client_id = {t}.id AND o.status NOT IN ('paid', 'void')), 0)
            """),
        ["subscriptions"] = new ListField(Subscription, "subscriptions", "client_id", ["start_date", "id"]),
    });

    private static ScalarField Column(string column) => new(t => $"{t}.{column}");

    private static ScalarField Enum(string column) => new(t => $"upper({t}.{column})");

    private static ScalarField Instant(string column) => new(t => PostgresJson.Instant($"{t}.{column}"));

    private static ScalarField GlobalId(string type) => new(t => $"encode(convert_to('{type}:' || {t}.id, 'UTF8'), 'base64')");
}
