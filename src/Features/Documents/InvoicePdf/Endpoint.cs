using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Documents.Rendering;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Documents.InvoicePdf;

/// <summary>The invoice as an A4 PDF the customer can keep.</summary>
public sealed class Endpoint(MikroNetDb db, DocumentRenderer renderer, IPaymentLinks links, IOptions<BillingOptions> billing)
    : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/invoices/{id:int}/pdf");
        Description(d => d.Produces(200, typeof(byte[]), PdfResponse.ContentType).ProducesProblemDetails(401).ProducesProblemDetails(404));
        Summary(s => s.Summary = "The invoice as a PDF (A4)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var invoice = await DocumentData.InvoiceAsync(db, req.Id, billing.Value.Currency, links, ct);
        if (invoice is null) ThrowError($"Invoice {req.Id} was not found.", StatusCodes.Status404NotFound);
        await PdfResponse.SendAsync(HttpContext.Response, invoice.Number + ".pdf", renderer.Invoice(invoice), ct);
    }
}
