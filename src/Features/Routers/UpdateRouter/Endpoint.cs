using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MikroNet.Features.Routers.UpdateRouter;

public sealed class Endpoint(MikroNetDb db, SecretProtector secrets, IClock clock) : Endpoint<Request, Envelope<RouterView>>
{
    public override void Configure()
    {
        Put("/routers/{id:int}");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Change a router's connection settings");
        Description(b => b.Problems(409));
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var router = await db.Routers.SingleOrDefaultAsync(r => r.Id == req.Id, ct);
        if (router is null) ThrowError($"Router {req.Id} was not found.", StatusCodes.Status404NotFound);
        if (req.Name is not null && await db.Routers.AnyAsync(r => r.Name == req.Name && r.Id != req.Id, ct))
            ThrowError(r => r.Name, "A router with this name exists.", StatusCodes.Status409Conflict);
        if (req.Encoding is not null && EncodingChange.Changes(router.Encoding, req.Encoding)
            && await EncodingChange.RefusalAsync(db, secrets, router.Id, req.Encoding, ct) is { } refusal)
            ThrowError(r => r.Encoding!, refusal, StatusCodes.Status409Conflict);
        var encoding = req.Encoding ?? router.Encoding;
        if (!StorableText.Fits(encoding, req.Username ?? router.Username))
            AddError(r => r.Username!, StorableText.Refusal("username", router.Name, encoding));
        if (!StorableText.Fits(encoding, req.Password ?? secrets.Unprotect(router.PasswordProtected)))
            AddError(r => r.Password!, StorableText.Refusal("password", router.Name, encoding));
        ThrowIfAnyErrors();

        router.Name = req.Name ?? router.Name;
        router.Host = req.Host ?? router.Host;
        router.Port = req.Port ?? router.Port;
        router.UseTls = req.UseTls ?? router.UseTls;
        router.Username = req.Username ?? router.Username;
        if (req.Password is not null) router.PasswordProtected = secrets.Protect(req.Password);
        router.TlsFingerprint = req.TlsFingerprint ?? router.TlsFingerprint;
        router.Encoding = req.Encoding ?? router.Encoding;
        router.UpdatedAt = clock.GetCurrentInstant();
        db.AuditUpdate(User, router.UpdatedAt, "router.updated", "router", router);
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(new Envelope<RouterView>("Router updated successfully", RouterView.From(router)), ct);
    }
}
