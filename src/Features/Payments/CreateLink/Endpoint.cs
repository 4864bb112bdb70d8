using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Features.Common;
using MikroNet.Features.Payments.Gateways;

namespace MikroNet.Features.Payments.CreateLink;

/// <summary>
/// Opens a hosted payment page for an invoice's open balance, or answers the link still open for that invoice and
/// gateway. The gateway is called before anything is stored, so a gateway that fails leaves nothing behind.
/// </summary>
public sealed class Endpoint(Data data, IEnumerable<IPaymentGateway> gateways)
    : Endpoint<Request, Envelope<PaymentLinkView>>
{
    public override void Configure()
    {
        Post("/invoices/{id:int}/payment-link");
        Roles(Common.Roles.Everyone);
        Description(d => d.Produces<Envelope<PaymentLinkView>>(201).Produces<Envelope<PaymentLinkView>>(200)
            .ProducesProblemDetails(400).ProducesProblemDetails(401).ProducesProblemDetails(403).ProducesProblemDetails(404)
            .ProducesProblemDetails(409).ProducesProblemDetails(422).ProducesProblemDetails(502).ProducesProblemDetails(504));
        Summary(s => s.Summary = "Open (or answer the open) Midtrans or Xendit payment link for an invoice's balance");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var gateway = gateways.Single(g => g.Name == req.Gateway);
        if (!gateway.Enabled)
            ThrowError(r => r.Gateway!, $"{gateway.Name} is not configured.", StatusCodes.Status422UnprocessableEntity);
        var invoice = await data.InvoiceAsync(req.Id, ct);
        if (invoice is null) ThrowError($"Invoice {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (invoice.Balance <= 0 || invoice.Status == Infrastructure.Persistence.Entities.InvoiceStatus.Void)
            ThrowError("This invoice is paid or void and needs no payment link.", StatusCodes.Status409Conflict);

        if (await data.OpenLinkAsync(invoice.Id, gateway.Name, ct) is { } open)
        {
            await Send.OkAsync(new Envelope<PaymentLinkView>("Payment link is still open", PaymentLinkView.From(open)), ct);
            return;
        }
        try
        {
            var link = await data.CreateAsync(invoice, gateway, ct);
            var created = link.Created;
            await Send.ResponseAsync(new Envelope<PaymentLinkView>(created ? "Payment link created" : "Payment link is still open",
                PaymentLinkView.From(link.Link)), created ? StatusCodes.Status201Created : StatusCodes.Status200OK, ct);
        }
        catch (GatewayUnavailableException ex)
        {
            ThrowError(ex.Message, ex.TimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway);
        }
    }
}
