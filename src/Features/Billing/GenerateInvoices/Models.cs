using NodaTime;

namespace MikroNet.Features.Billing.GenerateInvoices;

public sealed class Request
{
    /// <summary>The day to generate for; today in the provider's zone when absent.</summary>
    public LocalDate? AsOf { get; set; }
}

public sealed record Response(LocalDate AsOf, int InvoicesRaised, IReadOnlyList<RaisedInvoice> Invoices);
