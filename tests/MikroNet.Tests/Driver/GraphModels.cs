using System.Text.Json;
using System.Text.Json.Serialization;

namespace MikroNet.Tests.Driver;

// The read side's types as schema.graphql names them. Every field is optional because a query selects what it
// reads; a field the records lack fails the read. Scalars keep their wire form: Instant and LocalDate as the
// strings the schema documents, Decimal as a number, enums as their names.

public sealed record GqlQuery
{
    public GqlConnection<GqlClient>? Clients { get; init; }
    public GqlClient? Client { get; init; }
    public GqlConnection<GqlInvoice>? Invoices { get; init; }
    public List<GqlPlan>? Plans { get; init; }
    public List<GqlRouter>? Routers { get; init; }
    public GqlUser? Me { get; init; }

    /// <summary>`node` and `nodes` answer any type: kept as JSON, read by the fields a test selected.</summary>
    public JsonElement? Node { get; init; }

    public List<JsonElement>? Nodes { get; init; }

    [JsonPropertyName("__typename")]
    public string? Typename { get; init; }

    [JsonPropertyName("__schema")]
    public GqlSchema? Schema { get; init; }

    public GqlReports? Reports { get; init; }
}

public sealed record GqlConnection<T>
{
    public int? TotalCount { get; init; }
    public List<T>? Nodes { get; init; }
    public List<GqlEdge<T>>? Edges { get; init; }
    public GqlPageInfo? PageInfo { get; init; }
}

public sealed record GqlEdge<T>
{
    public string? Cursor { get; init; }
    public T? Node { get; init; }
}

public sealed record GqlPageInfo
{
    public bool? HasNextPage { get; init; }
    public bool? HasPreviousPage { get; init; }
    public string? StartCursor { get; init; }
    public string? EndCursor { get; init; }
}

public sealed record GqlClient
{
    public string? Id { get; init; }
    public int? ClientId { get; init; }
    public string? Name { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Address { get; init; }
    public string? PppSecretName { get; init; }
    public string? Status { get; init; }
    public string? IsolatedAt { get; init; }
    public string? CreatedAt { get; init; }
    public GqlProvisioning? Provisioning { get; init; }
    public GqlRouter? Router { get; init; }
    public GqlPlan? Plan { get; init; }
    public List<GqlSubscription>? Subscriptions { get; init; }
    public GqlConnection<GqlInvoice>? Invoices { get; init; }
    public decimal? OutstandingBalance { get; init; }
    public decimal? CreditBalance { get; init; }
    public string? Email { get; init; }
    public List<string>? NotificationChannels { get; init; }
    public bool? NotificationsOptOut { get; init; }
    public List<GqlNotification>? Notifications { get; init; }
}

public sealed record GqlNotification
{
    public string? Event { get; init; }
    public string? Channel { get; init; }
    public string? To { get; init; }
    public string? Status { get; init; }
    public int? Attempts { get; init; }
    public string? LastError { get; init; }
    public string? SentAt { get; init; }
}

public sealed record GqlProvisioning
{
    public string? State { get; init; }
    public string? LastError { get; init; }
}

public sealed record GqlRouter
{
    public string? Id { get; init; }
    public int? RouterId { get; init; }
    public string? Name { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public bool? UseTls { get; init; }
}

public sealed record GqlPlan
{
    public string? Id { get; init; }
    public int? PlanId { get; init; }
    public string? Name { get; init; }
    public decimal? Price { get; init; }
    public int? PeriodMonths { get; init; }
    public string? PppProfile { get; init; }
    public string? RateLimit { get; init; }
}

public sealed record GqlSubscription
{
    public string? Id { get; init; }
    public int? SubscriptionId { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public decimal? Price { get; init; }
    public string? Status { get; init; }
    public GqlPlan? Plan { get; init; }
    public List<GqlInvoice>? Invoices { get; init; }
}

public sealed record GqlInvoice
{
    public string? Id { get; init; }
    public int? InvoiceId { get; init; }
    public string? Number { get; init; }
    public string? InvoiceDate { get; init; }
    public string? DueDate { get; init; }
    public decimal? NetAmount { get; init; }
    public decimal? TaxAmount { get; init; }
    public decimal? TotalAmount { get; init; }
    public decimal? AmountPaid { get; init; }
    public decimal? Balance { get; init; }
    public string? InvoiceStatus { get; init; }
    public bool? Overdue { get; init; }
    public int? ClientId { get; init; }
    public GqlClient? Client { get; init; }
    public List<GqlInvoiceLine>? Lines { get; init; }
    public List<GqlPayment>? Payments { get; init; }
    public List<GqlPaymentLink>? PaymentLinks { get; init; }
}

public sealed record GqlInvoiceLine
{
    public string? Kind { get; init; }
    public string? Description { get; init; }
    public decimal? Amount { get; init; }
    public bool? Taxable { get; init; }
}

public sealed record GqlPaymentLink
{
    public string? Gateway { get; init; }
    public string? Url { get; init; }
    public string? Status { get; init; }
    public decimal? Amount { get; init; }
    public string? ExpiresAt { get; init; }
}

public sealed record GqlPayment
{
    public string? Id { get; init; }
    public int? PaymentId { get; init; }
    public decimal? Amount { get; init; }
    public string? PaymentDate { get; init; }
    public string? PaymentMethod { get; init; }
    public string? PaymentStatus { get; init; }
    public string? Reference { get; init; }
}

public sealed record GqlUser
{
    public string? Id { get; init; }
    public int? UserId { get; init; }
    public string? Username { get; init; }
    public string? Role { get; init; }
}

/// <summary>Introspection, read only as far as the tests look.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record GqlSchema
{
    public List<JsonElement>? Types { get; init; }
}

/// <summary>
/// The reports: the summary and the MRR totals typed; the row lists (revenue, aging, collections, …) kept as JSON,
/// because the report tests compare every list with SQL rows field by field (<c>ReportFixture.Rows</c>).
/// </summary>
public sealed record GqlReports
{
    public GqlReportSummary? Summary { get; init; }
    public GqlMrrReport? Mrr { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Lists { get; init; }
}

public sealed record GqlReportSummary
{
    public string? AsOf { get; init; }
    public string? Currency { get; init; }
    public decimal? Mrr { get; init; }
    public decimal? CollectedThisMonth { get; init; }
    public decimal? Outstanding { get; init; }
    public long? OverdueClients { get; init; }
    public long? IsolatedClients { get; init; }
    public long? FailingRouterChanges { get; init; }
}

public sealed record GqlMrrReport
{
    public decimal? Total { get; init; }
    public long? ActiveClients { get; init; }
    public JsonElement? Plans { get; init; }
}
