using FastEndpoints;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Audit.ListAudit;

/// <summary>The audit trail, newest first, a page at a time.</summary>
public sealed class Endpoint(MikroNetDb db) : Endpoint<Request, Envelope<Page<AuditView>>>
{
    public override void Configure()
    {
        Get("/audit");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "The audit trail, newest first (filters: entity, id, actor, action, from, to; " +
            "after = the previous page's next_after)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(new Envelope<Page<AuditView>>("Audit entries retrieved successfully",
            await AuditPages.ReadAsync(db, req.Filter(), ct)), ct);
}
