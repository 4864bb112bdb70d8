using NodaTime;

namespace MikroNet.Features.Billing.GenerateInvoices;

public sealed class Request
{
    /// <summary>The day to generate for; today in the provider's zone when absent.</summary>
    public LocalDate? AsOf { get; set; }
}

public sealed record Response(LocalDate AsOf, int InvoicesRaised, IReadOnlyList<RaisedInvoice> Invoices);

public sealed record RaisedInvoice(int InvoiceId, string Number, int ClientId, int SubscriptionId, int PeriodIndex,
    LocalDate StartDate, LocalDate EndDate, LocalDate InvoiceDate, LocalDate DueDate, decimal TotalAmount);
