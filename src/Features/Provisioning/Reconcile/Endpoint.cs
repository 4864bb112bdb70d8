using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.RouterOs;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Provisioning.Reconcile;

public sealed class Request
{
    public int Id { get; set; }

    /// <summary>Report what would change without changing the router.</summary>
    [QueryParam]
    public bool DryRun { get; set; }
}

/// <summary>An unreachable router is a 502 (504 on a timeout): unlike /check, the caller asked for work that did not happen.</summary>
public sealed class Endpoint(MikroNetDb db, RouterReconciler reconciler) : Endpoint<Request, Envelope<ReconcileReport>>
{
    public override void Configure()
    {
        Post("/routers/{id:int}/reconcile");
        Summary(s => s.Summary = "Compare the router's PPP secrets with the database and repair the drift (?dry_run=true to only report)");
        Description(b => b.Problems(502, 504));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await db.Routers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == req.Id, ct);
        if (router is null) ThrowError($"Router {req.Id} was not found.", StatusCodes.Status404NotFound);

        ReconcileReport report;
        try
        {
            report = await reconciler.ReconcileAsync(router, req.DryRun, ct, User);
        }
        catch (RouterOsTimeoutException ex)
        {
            ThrowError($"Router {router.Name} did not answer in time: {ex.Message}", StatusCodes.Status504GatewayTimeout);
            return;
        }
        catch (RouterOsException ex)
        {
            ThrowError($"Router {router.Name} cannot be reconciled: {ex.Message}", StatusCodes.Status502BadGateway);
            return;
        }

        var message = req.DryRun ? "Reconciliation planned (dry run)" : "Router reconciled";
        await Send.OkAsync(new Envelope<ReconcileReport>(message, report), ct);
    }
}
