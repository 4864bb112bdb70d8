using FastEndpoints;
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
        Summary(s => s.Summary = "Mark invoices unpaid past their grace overdue and isolate their clients");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var result = await enforcer.RunAsync(req.AsOf ?? clock.Today, clock.Now, ct);
        await Send.OkAsync(new Envelope<EnforcementResult>("Enforcement completed", result), ct);
    }
}
