using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Users.ListUsers;

public sealed class Endpoint(MikroNetDb db) : Endpoint<Request, Envelope<Page<UserView>>>
{
    public override void Configure()
    {
        Get("/users");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Users by id, a page at a time (after = the previous page's next_after)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var limit = req.Limit ?? Page<UserView>.DefaultLimit;
        var after = req.After ?? 0;
        var users = await db.Users.AsNoTracking().Where(u => u.Id > after).OrderBy(u => u.Id).Take(limit + 1)
            .ToListAsync(ct);
        var page = Page<UserView>.From(users.Select(UserView.From).ToList(), limit, u => u.UserId);
        await Send.OkAsync(new Envelope<Page<UserView>>("Users retrieved successfully", page), ct);
    }
}
