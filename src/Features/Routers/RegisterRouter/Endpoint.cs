using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Features.Plans;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Routers.RegisterRouter;

public sealed class Endpoint(MikroNetDb db, SecretProtector secrets, IClock clock) : Endpoint<Request, Envelope<RouterView>>
{
    public override void Configure()
    {
        Post("/routers");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Register a MikroTik router (stored only; its password is encrypted at rest)");
        Description(b => b.Created<Envelope<RouterView>>().Problems(409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (await db.Routers.AnyAsync(r => r.Name == req.Name, ct))
            ThrowError(r => r.Name, "A router with this name exists.", StatusCodes.Status409Conflict);

        var now = clock.GetCurrentInstant();
        var router = new Router
        {
            Name = req.Name!,
            Host = req.Host!,
            Port = req.Port ?? (req.UseTls ? 8729 : 8728),
            UseTls = req.UseTls,
            Username = req.Username!,
            PasswordProtected = secrets.Protect(req.Password!),
            TlsFingerprint = req.TlsFingerprint,
            Encoding = req.Encoding,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.Routers.AddAsync(router, ct);
        db.Audit(User, now, "router.registered", "router", router.Id, new { router.Name, router.Host, router.Port });
        // Clients on any plan may be placed on this router, so it needs every plan's profile first.
        await PlanRules.EnsureAllOnRouterAsync(db, router.Id, now, ct);
        await db.SaveChangesAsync(ct);

        await Send.ResponseAsync(new Envelope<RouterView>("Router registered successfully", RouterView.From(router)),
            StatusCodes.Status201Created, ct);
    }
}
