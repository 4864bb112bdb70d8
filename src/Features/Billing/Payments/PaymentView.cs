using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Features.Common;
using NodaTime;

namespace MikroNet.Features.Billing.Payments;

public sealed record PaymentView(int PaymentId, decimal Amount,
    [property: EnumValues(typeof(PaymentStatus))] string PaymentStatus, LocalDate PaymentDate,
    string PaymentMethod, string? Reference)
{
    public static PaymentView From(Payment p) =>
        new(p.Id, p.Amount, SnakeCaseEnums.ToSnakeCase(p.Status), p.PaymentDate, MethodOf(p), p.Reference);

    /// <summary>bank_transfer for a payment typed in; midtrans:qris or xendit:EWALLET for one a gateway collected.</summary>
    public static string MethodOf(Payment p) =>
        p.Gateway is null ? SnakeCaseEnums.ToSnakeCase(p.PaymentMethod) : $"{p.Gateway}:{p.GatewayMethod}";
}
