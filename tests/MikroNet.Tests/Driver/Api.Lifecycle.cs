using MikroNet.Features.Common;
using AddCharge = MikroNet.Features.Billing.AddCharge;
using CancelClient = MikroNet.Features.Billing.CancelClient;
using ChangePlan = MikroNet.Features.Billing.ChangePlan;
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

    public Task<ApiResponse<Envelope<AddCharge.Response>>> AddChargeAsync(int clientId, decimal? amount,
        string? description = "Router", bool? taxable = null, bool invoiceNow = false, string? key = null) =>
        SendAsync<Envelope<AddCharge.Response>>(HttpMethod.Post, $"/client/{clientId}/charges",
            new AddCharge.Request
            {
                Description = description, Amount = amount, Taxable = taxable, InvoiceNow = invoiceNow, IdempotencyKey = key,
            },
            key is null ? [] : [("Idempotency-Key", key)]);

    public Task<ApiResponse<Envelope<CancelClient.Response>>> CancelClientAsync(int clientId, string? effective,
        string? reason = "Moving away") =>
        SendAsync<Envelope<CancelClient.Response>>(HttpMethod.Post, $"/client/{clientId}/cancel",
            new CancelClient.Request { Effective = effective, Reason = reason });

    public Task<ApiResponse<Envelope<ChangePlan.Response>>> ChangePlanAsync(int clientId, int? planId, string? effective) =>
        SendAsync<Envelope<ChangePlan.Response>>(HttpMethod.Put, $"/client/{clientId}/plan",
            new ChangePlan.Request { PlanId = planId, Effective = effective });
}
