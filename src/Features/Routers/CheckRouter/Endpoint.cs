using MikroNet.Infrastructure.Telemetry;
using System.Diagnostics;
using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Provisioning;
using MikroNet.Infrastructure.Persistence;
using MikroNet.RouterOs;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Routers.CheckRouter;

/// <summary>
/// Logs in on a session of its own and reads identity and resource, once more on a fresh login when the connection
/// breaks mid-command. An unreachable router is an answer, not an error of this API: 200 with reachable=false and the reason, so dashboards can show it as they show a success.
/// </summary>
public sealed class Endpoint(MikroNetDb db, RouterConnector connector, MikroNetMetrics metrics) : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/routers/{id:int}/check");
        Summary(s => s.Summary = "Log in to the router and report its identity and version, or why it cannot be reached");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await db.Routers.AsNoTracking().SingleOrDefaultAsync(r => r.Id == req.Id, ct);
        if (router is null) ThrowError($"Router {req.Id} was not found.", StatusCodes.Status404NotFound);

        var watch = Stopwatch.StartNew();
        Response response;
        try
        {
            await using var session = await connector.FreshSessionAsync(router, ct);
            var identity = session.RunAsync(c => c.GetIdentityAsync(ct), ct);
            var resource = session.RunAsync(c => c.GetResourceAsync(ct), ct);
            var info = await resource;
            response = new Response(router.Id, true, await identity, info.Version, NullIfEmpty(info.BoardName),
                NullIfEmpty(info.Uptime), watch.ElapsedMilliseconds, null, null);
        }
        catch (RouterOsException ex)
        {
            response = new Response(router.Id, false, null, null, null, null, watch.ElapsedMilliseconds, ProblemOf(ex),
                ex is RouterOsTrapException trap ? trap.TrapMessage : ex.Message);
        }

        metrics.RouterReached(router.Id, response.Reachable);
        await Send.OkAsync(new Envelope<Response>(
            response.Reachable ? "Router is reachable" : "Router is not reachable", response), ct);
    }

    private static string ProblemOf(RouterOsException ex) => ex switch
    {
        RouterOsLoginException => "login_failed",
        RouterOsCertificateException => "certificate",
        RouterOsTimeoutException => "timeout",
        RouterOsTrapException => "refused",
        _ => "unreachable",
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
