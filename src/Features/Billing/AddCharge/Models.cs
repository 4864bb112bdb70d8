using System.Globalization;
using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Billing.RecordPayment;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.AddCharge;

public sealed class Request
{
    public int Id { get; set; }
    public string? Description { get; set; }
    public decimal? Amount { get; set; }

    /// <summary>Whether Billing:TaxRate applies; true when absent (services and goods sold are taxed).</summary>
    public bool? Taxable { get; set; }

    /// <summary>Raise an invoice of its own now instead of a line on the next period invoice.</summary>
    public bool InvoiceNow { get; set; }

    [FromHeader("Idempotency-Key", isRequired: false)]
    public string? IdempotencyKey { get; set; }

    public string Fingerprint() => IdempotentAnswers.Fingerprint(Id.ToString(CultureInfo.InvariantCulture), Description,
        Amount?.ToString("0.##", CultureInfo.InvariantCulture), Taxable?.ToString(), InvoiceNow.ToString());
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Description).NotEmpty().MaximumLength(Limits.Name * 2);
        RuleFor(r => r.Amount).NotNull().GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.IdempotencyKey).MaximumLength(Limits.DefaultText);
    }
}

public sealed record Response(ChargeView Charge, InvoiceView? Invoice);

/// <summary>A one-off charge; invoice_id is null until an invoice bills it.</summary>
public sealed record ChargeView(int ChargeId, int ClientId, [property: EnumValues(typeof(ChargeKind))] string Kind,
    string Description, decimal Amount, bool Taxable, int? InvoiceId, Instant CreatedAt)
{
    public static ChargeView From(ClientCharge c) => new(c.Id, c.ClientId, SnakeCaseEnums.ToSnakeCase(c.Kind),
        c.Description, c.Amount, c.Taxable, c.InvoiceId ?? c.Invoice?.Id, c.CreatedAt);
}
