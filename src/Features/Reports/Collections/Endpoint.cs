using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Reports.Collections;

/// <summary>GET /reports/collections.csv?as_of= — reports.collections as CSV.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/reports/collections.csv");
        Description(d => d.Produces(200, typeof(string), Csv.ContentType).ProducesProblemDetails(400).ProducesProblemDetails(401));
        Summary(s => s.Summary = "Collections: clients with an open balance, the longest overdue first (CSV)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var asOf = ReportRange.AsOf(req.AsOf, clock.Today, out var error);
        if (error is not null) ThrowError(r => r.AsOf!, error);
        var rows = await Data.RunAsync(db, asOf, ct);
        await Csv.SendAsync(HttpContext.Response, $"collections-{Csv.Date(asOf)}.csv", CollectionRow.Columns, rows, ct);
    }
}
