using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Notifications.ClientNotifications;

/// <summary>The messages queued for a client, newest first (the latest 500), with what became of each.</summary>
public sealed class Endpoint(MikroNetDb db) : Endpoint<Request, Envelope<List<NotificationView>>>
{
    public const int Limit = 500;

    public override void Configure()
    {
        Get("/client/{id:int}/notifications");
        Summary(s => s.Summary = "Messages to a client (invoice, reminder, isolation, restore, receipt) and their delivery");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == req.Id, ct))
            ThrowError($"Client {req.Id} was not found.", StatusCodes.Status404NotFound);
        var rows = await db.Notifications.AsNoTracking().Where(n => n.ClientId == req.Id)
            .OrderByDescending(n => n.Id).Take(Limit).ToListAsync(ct);
        await Send.OkAsync(new Envelope<List<NotificationView>>("Notifications retrieved successfully",
            rows.Select(NotificationView.From).ToList()), ct);
    }
}
