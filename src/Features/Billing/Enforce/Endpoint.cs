using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Billing.Enforce;

/// <summary>The daily run's enforcement step on demand, as `billing enforce` does it from the command line.</summary>
public sealed class Endpoint(Enforcer enforcer, ProviderClock clock) : Endpoint<Request, Envelope<EnforcementResult>>
{
    public override void Configure()
    {
        Post("/invoices/enforce");
        Roles(Common.Roles.Admin);
        // Every field is optional, so no body at all is "enforce today", as for POST /invoices/generate (whose GET
        // verb makes FastEndpoints accept any content type); a JSON body is still read as JSON.
        Description(b => b.Accepts<Request>("*/*", "application/json").Problems(422));
        Summary(s => s.Summary = "Mark invoices unpaid past their grace overdue and isolate their clients");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var asOf = req.AsOf ?? clock.Today;
        if (BillingDates.AsOfProblem(asOf, clock.Today, req.DryRun) is { } problem)
            ThrowError(r => r.AsOf!, problem, StatusCodes.Status422UnprocessableEntity);
        var result = await enforcer.RunAsync(asOf, clock.Now, ct, req.DryRun, User);
        await Send.OkAsync(new Envelope<EnforcementResult>(
            req.DryRun ? "Dry run, nothing written" : "Enforcement completed", result), ct);
    }
}
