using System.Globalization;
using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Billing.Payments;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;
using MikroNet.Features.Common;

namespace MikroNet.Features.Billing.RecordPayment;

public sealed class Request
{
    public int Id { get; set; }
    public decimal? Amount { get; set; }

    /// <summary>Today in the provider's zone when absent.</summary>
    public LocalDate? PaymentDate { get; set; }
    [EnumValues(typeof(PaymentMethod))]
    public string? PaymentMethod { get; set; }
    public string? Reference { get; set; }

    [FromHeader("Idempotency-Key", isRequired: false)]
    public string? IdempotencyKey { get; set; }

    /// <summary>What "the same request" means for a replayed key: same invoice and the same body.</summary>
    public string Fingerprint() => IdempotentAnswers.Fingerprint(Id.ToString(CultureInfo.InvariantCulture),
        Amount?.ToString("0.##", CultureInfo.InvariantCulture), PaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PaymentMethod, Reference);
}

public sealed class Validator : Validator<Request>
{
    public static readonly Dictionary<string, PaymentMethod> Methods =
        Enum.GetValues<PaymentMethod>().ToDictionary(m => SnakeCaseEnums.ToSnakeCase(m), m => m);

    public Validator()
    {
        RuleFor(r => r.Amount).NotNull().PrecisionScale(14, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.PaymentMethod).NotEmpty().Must(m => m is null || Methods.ContainsKey(m))
            .WithMessage($"Payment method must be one of: {string.Join(", ", Methods.Keys)}.");
        RuleFor(r => r.Reference).MaximumLength(Limits.DefaultText);
        RuleFor(r => r.IdempotencyKey).MaximumLength(Limits.DefaultText);
    }
}

public sealed record Response(PaymentView Payment, InvoiceView Invoice, bool ClientRestored);

public sealed record InvoiceView(int InvoiceId, string Number, int ClientId, decimal TotalAmount, decimal AmountPaid,
    decimal Balance, [property: EnumValues(typeof(InvoiceStatus))] string InvoiceStatus)
{
    public static InvoiceView From(Invoice i) =>
        new(i.Id, i.Number, i.ClientId, i.TotalAmount, i.AmountPaid, i.Balance, SnakeCaseEnums.ToSnakeCase(i.Status));
}
