using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Reports.ClientCounts;

/// <summary>GET /reports/clients.csv?by=status|plan|router — reports.clients as CSV.</summary>
public sealed class Endpoint(MikroNetDb db) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/reports/clients.csv");
        Description(d => d.Produces(200, typeof(string), Csv.ContentType).ProducesProblemDetails(400).ProducesProblemDetails(401));
        Summary(s => s.Summary = "Live clients counted by status, plan or router (CSV)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!Grouping.TryParse(req.By, ClientGrouping.Status, out var by))
            AddError(r => r.By!, $"'by' must be one of {Grouping.Names<ClientGrouping>()}.");
        ThrowIfAnyErrors();
        var rows = await Data.RunAsync(db, by, ct);
        await Csv.SendAsync(HttpContext.Response, $"clients-by-{by.ToString().ToLowerInvariant()}.csv", ClientCountRow.Columns, rows, ct);
    }
}
