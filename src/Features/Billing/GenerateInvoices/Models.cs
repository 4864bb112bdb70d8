using NodaTime;

namespace MikroNet.Features.Billing.GenerateInvoices;

public sealed class Request
{
    /// <summary>The day to generate for; today in the provider's zone when absent. Not after today unless DryRun.</summary>
    public LocalDate? AsOf { get; set; }

    /// <summary>Answer what the run would raise and write nothing (query parameter or body field).</summary>
    public bool DryRun { get; set; }
}

public sealed record Response(LocalDate AsOf, bool DryRun, int InvoicesRaised, IReadOnlyList<RaisedInvoice> Invoices,
    IReadOnlyList<CatchUpHeld> NeedsAttention);

public sealed record GenerationResult(LocalDate AsOf, bool DryRun, IReadOnlyList<RaisedInvoice> Raised,
    IReadOnlyList<CatchUpHeld> NeedsAttention);

/// <summary>An invoice raised with its period; the ids are null in a dry run (its rows were rolled back).</summary>
public sealed record RaisedInvoice(int? InvoiceId, string Number, int ClientId, int? SubscriptionId, int PeriodIndex,
    LocalDate StartDate, LocalDate EndDate, LocalDate InvoiceDate, LocalDate DueDate, decimal NetAmount,
    decimal TaxAmount, decimal CreditApplied, decimal TotalAmount);

/// <summary>A client too many periods behind to be caught up automatically; nothing was raised for it.</summary>
public sealed record CatchUpHeld(int ClientId, int LastPeriodIndex, LocalDate LastEndDate, string Reason);
