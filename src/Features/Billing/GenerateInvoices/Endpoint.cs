using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Time;
using Microsoft.AspNetCore.Http;

namespace MikroNet.Features.Billing.GenerateInvoices;

/// <summary>Raises the renewal periods and invoices due by as_of; running it again raises nothing new.</summary>
public sealed class Endpoint(InvoiceGenerator generator, ProviderClock clock) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        // GET is the seed's route (its cron called it); POST is the honest verb for a change.
        Verbs(Http.GET, Http.POST);
        Routes("/invoices/generate");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Raise the next periods and their invoices for subscriptions within the lead time");
        Description(b => b.Problems(422));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var asOf = req.AsOf ?? clock.Today;
        if (BillingDates.AsOfProblem(asOf, clock.Today, req.DryRun) is { } problem)
            ThrowError(r => r.AsOf!, problem, StatusCodes.Status422UnprocessableEntity);
        var result = await generator.RunAsync(asOf, clock.Now, ct, req.DryRun, User);
        var raised = result.Raised.Count;
        await Send.OkAsync(new Envelope<Response>(
            (req.DryRun ? "Dry run, nothing written: " : "") + (raised == 0 ? "No invoices were due" : $"{raised} invoice(s) generated successfully"),
            new Response(asOf, req.DryRun, raised, result.Raised, result.NeedsAttention)), ct);
    }
}
