using MikroNet.Features.Common;
using CreditInvoice = MikroNet.Features.Billing.CreditInvoice;
using VoidInvoice = MikroNet.Features.Billing.VoidInvoice;

namespace MikroNet.Tests.Driver;

/// <summary>The billing lifecycle routes: void, credit notes, charges, cancel, plan changes.</summary>
public sealed partial class Api
{
    public Task<ApiResponse<Envelope<VoidInvoice.Response>>> VoidInvoiceAsync(int invoiceId, string? reason = "Raised by mistake",
        bool keepPeriod = false) =>
        SendAsync<Envelope<VoidInvoice.Response>>(HttpMethod.Post, $"/invoices/{invoiceId}/void",
            new VoidInvoice.Request { Reason = reason, KeepPeriod = keepPeriod });

    public Task<ApiResponse<Envelope<CreditInvoice.Response>>> CreditInvoiceAsync(int invoiceId, decimal? amount,
        string? reason = "Outage credit", string? key = null) =>
        SendAsync<Envelope<CreditInvoice.Response>>(HttpMethod.Post, $"/invoices/{invoiceId}/credit-notes",
            new CreditInvoice.Request { Amount = amount, Reason = reason, IdempotencyKey = key },
            key is null ? [] : [("Idempotency-Key", key)]);
}
