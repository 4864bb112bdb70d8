using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Time;
using NodaTime;

namespace MikroNet.Features.Billing.Enforce;

public sealed class Request
{
    /// <summary>The day to enforce for; today in the provider's zone when absent.</summary>
    public LocalDate? AsOf { get; set; }
}

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
