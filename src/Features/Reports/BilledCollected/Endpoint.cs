using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Reports.BilledCollected;

/// <summary>GET /reports/billed-vs-collected.csv?from=&amp;to= — reports.billedVsCollected as CSV.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/reports/billed-vs-collected.csv");
        Description(d => d.Produces(200, typeof(string), Csv.ContentType).ProducesProblemDetails(400).ProducesProblemDetails(401));
        Summary(s => s.Summary = "Billed (invoices by invoice date) against collected (payments by payment date) per month (CSV)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var range = ReportRange.Resolve(req.From, req.To, clock.Today, out var error);
        if (error is { } e) ValidationFailures.Add(new(e.Field, e.Message));
        ThrowIfAnyErrors();
        var rows = await Data.RunAsync(db, range, ct);
        await Csv.SendAsync(HttpContext.Response, $"billed-vs-collected-{Csv.Date(range.From)}-{Csv.Date(range.To)}.csv",
            BilledCollectedRow.Columns, rows, ct);
    }
}
