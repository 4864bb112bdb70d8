using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Reports.Revenue;

/// <summary>GET /reports/revenue.csv?from=&amp;to=&amp;by=month|method|plan|router — reports.revenue as CSV.</summary>
public sealed class Endpoint(MikroNetDb db, ProviderClock clock) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/reports/revenue.csv");
        Description(d => d.Produces(200, typeof(string), Csv.ContentType).ProducesProblemDetails(400).ProducesProblemDetails(401));
        Summary(s => s.Summary = "Revenue: completed payments by payment date, grouped by month, method, plan or router (CSV)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var range = ReportRange.Resolve(req.From, req.To, clock.Today, out var error);
        if (error is { } e) ValidationFailures.Add(new(e.Field, e.Message));
        if (!Grouping.TryParse(req.By, RevenueGrouping.Month, out var by))
            AddError(r => r.By!, $"'by' must be one of {Grouping.Names<RevenueGrouping>()}.");
        ThrowIfAnyErrors();
        var rows = await Data.RunAsync(db, range, by, ct);
        var name = $"revenue-by-{by.ToString().ToLowerInvariant()}-{Csv.Date(range.From)}-{Csv.Date(range.To)}.csv";
        await Csv.SendAsync(HttpContext.Response, name, RevenueRow.Columns, rows, ct);
    }
}
