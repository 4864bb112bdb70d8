using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.Payments;

/// <summary>
/// What a caller of the money path knows about a payment; Gateway is null for one typed in by an operator.
/// ExcessToCredit: money already collected (a gateway) that exceeds the balance becomes client credit instead of
/// being refused.
/// </summary>
public sealed record PaymentEntry(decimal Amount, LocalDate PaymentDate, PaymentMethod Method, string? Reference,
    string? IdempotencyKey = null, int? RecordedByUserId = null, string? Gateway = null, string? GatewayMethod = null,
    bool ExcessToCredit = false);

/// <summary>An invoice under its row lock, with what paying it needs (<see cref="PaymentBook.LockForPaymentAsync"/>).</summary>
/// <param name="Invoice">Tracked, unless <see cref="Untracked"/>.</param>
/// <param name="Client">Not tracked (null when deleted): <see cref="PaymentBook.PostAsync"/> tracks it when it uses it.</param>
/// <param name="FirstAnswer">The answer already given to the request's idempotency key, if any.</param>
public sealed record LockedInvoice(Invoice Invoice, Client? Client, int PaymentId, IdempotencyRecord? FirstAnswer)
{
    /// <summary>
    /// The invoice was read untracked, for a caller that saves with <see cref="PaymentBook.SaveAndCommitAsync"/>:
    /// <see cref="PaymentBook.PostAsync"/> tracks it only when the payment gives credit or restores a client.
    /// </summary>
    public bool Untracked { get; init; }
}

/// <param name="Writes">The payment's rows, when it is written outside the change tracker.</param>
public sealed record PostedPayment(Payment Payment, bool ClientRestored)
{
    public RowWrites? Writes { get; init; }
}

public enum PaymentRefusalKind { Void, Amount }

public sealed record PaymentRefusal(PaymentRefusalKind Kind, string Message);
