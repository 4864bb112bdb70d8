using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Reports.Mrr;

/// <summary>GET /reports/mrr.csv — reports.mrr as CSV, one row per plan (the total is their sum).</summary>
public sealed class Endpoint(MikroNetDb db) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/reports/mrr.csv");
        Description(d => d.Produces(200, typeof(string), Csv.ContentType).ProducesProblemDetails(401));
        Summary(s => s.Summary = "Monthly recurring revenue per plan (CSV)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var report = await Data.RunAsync(db, ct);
        await Csv.SendAsync(HttpContext.Response, "mrr.csv", MrrPlanRow.Columns, report.Plans, ct);
    }
}
