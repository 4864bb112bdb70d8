namespace MikroNet.Features.Documents;

/// <summary>
/// Where a customer can pay an invoice online. Payment gateways (a later feature) register their own implementation;
/// until then no invoice has a link and the documents print none.
/// </summary>
public interface IPaymentLinks
{
    Task<string?> ForInvoiceAsync(int invoiceId, CancellationToken ct);
}

public sealed class NoPaymentLinks : IPaymentLinks
{
    public Task<string?> ForInvoiceAsync(int invoiceId, CancellationToken ct) => Task.FromResult<string?>(null);
}
