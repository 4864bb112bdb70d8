using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Documents.Rendering;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Documents.ReceiptPdf;

/// <summary>The receipt of one payment as an A4 PDF.</summary>
public sealed class Endpoint(MikroNetDb db, DocumentRenderer renderer, IPaymentLinks links, IOptions<BillingOptions> billing)
    : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/payments/{id:int}/receipt.pdf");
        Description(d => d.Produces(200, typeof(byte[]), PdfResponse.ContentType).ProducesProblemDetails(401).ProducesProblemDetails(404));
        Summary(s => s.Summary = "The receipt of a payment as a PDF (A4)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var receipt = await DocumentData.ReceiptAsync(db, req.Id, billing.Value.Currency, links, ct);
        if (receipt is null) ThrowError($"Payment {req.Id} was not found.", StatusCodes.Status404NotFound);
        await PdfResponse.SendAsync(HttpContext.Response, DocumentRenderer.ReceiptNumber(receipt.Payment) + ".pdf",
            renderer.Receipt(receipt), ct);
    }
}
