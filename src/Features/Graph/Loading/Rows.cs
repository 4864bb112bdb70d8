using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Graph.Loading;

// Projections of only the columns the schema exposes: secrets are never read, and rows stay small.

public sealed record ClientRow(
    int ClientId, string Name, string PhoneNumber, string Address, string PppSecretName, ClientStatus Status,
    Instant? IsolatedAt, ProvisioningState ProvisioningState, string? ProvisioningError, int? RouterId, int? PlanId,
    Instant CreatedAt, decimal CreditBalance, Instant? CancelledAt)
{
    public ClientState State => ClientStates.Of(Status, IsolatedAt is not null, CancelledAt is not null);
}

public sealed record SubscriptionRow(
    int SubscriptionId, int ClientId, int PlanId, LocalDate StartDate, LocalDate EndDate, decimal Price,
    SubscriptionStatus Status);

public sealed record InvoiceRow(
    int InvoiceId, int ClientId, int SubscriptionId, string Number, LocalDate InvoiceDate, LocalDate DueDate,
    decimal NetAmount, decimal TaxAmount, decimal TotalAmount, decimal AmountPaid, InvoiceStatus Status)
{
    public decimal Balance => TotalAmount - AmountPaid;
}

public sealed record InvoiceLineRow(int InvoiceId, InvoiceLineKind Kind, string Description, decimal Amount, bool Taxable);

public sealed record PaymentRow(
    int PaymentId, int InvoiceId, decimal Amount, LocalDate PaymentDate, PaymentMethod PaymentMethod,
    PaymentStatus Status, string? Reference);

public sealed record PlanRow(int PlanId, string Name, decimal Price, int PeriodMonths, string PppProfile, string? RateLimit);

public sealed record RouterRow(int RouterId, string Name, string Host, int Port, bool UseTls);

public sealed record UserRow(int UserId, string Username, UserRole Role);

public sealed record PaymentLinkRow(
    int InvoiceId, string Gateway, string Url, decimal Amount, PaymentLinkStatus Status, Instant ExpiresAt);
