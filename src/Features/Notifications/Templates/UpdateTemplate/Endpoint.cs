using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Notifications.Templates.UpdateTemplate;

/// <summary>
/// Replaces the wording of one event on one channel in one language. A text that is not Liquid is refused (400)
/// with its line and column; messages not yet sent use the new wording.
/// </summary>
public sealed class Endpoint(MikroNetDb db, IClock clock) : Endpoint<Request, Envelope<TemplateView>>
{
    public override void Configure()
    {
        Put("/notification-templates/{event}/{channel}/{lang}");
        Roles(Common.Roles.Admin);
        Description(b => b.Problems(404, 422));
        Summary(s => s.Summary = "Set a message template ({subject?, body}; Liquid)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!TemplateKeys.Events.ContainsKey(req.Event ?? "") || !TemplateKeys.Channels.ContainsKey(req.Channel ?? "")
            || !NotificationOptions.Languages.Contains(req.Lang))
            ThrowError($"There is no template {req.Event}/{req.Channel}/{req.Lang}.", StatusCodes.Status404NotFound);
        var channel = TemplateKeys.Channels[req.Channel!];
        if (channel == NotificationChannel.Email && string.IsNullOrWhiteSpace(req.Subject)) AddError(r => r.Subject!, "An e-mail needs a subject.");
        if (channel != NotificationChannel.Email && req.Subject is not null) AddError(r => r.Subject!, "Only e-mail has a subject.");
        ThrowIfAnyErrors(StatusCodes.Status422UnprocessableEntity);
        if (req.Subject is not null && TemplateEngine.Problem(req.Subject) is { } inSubject)
            AddError(r => r.Subject!, inSubject.ToString());
        if (req.Body is not null && TemplateEngine.Problem(req.Body) is { } inBody)
            AddError(r => r.Body!, inBody.ToString());
        ThrowIfAnyErrors();

        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // An upsert: two operators saving the same template at once both succeed, the later one wins.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notification_templates (event, channel, language, subject, body, updated_at)
            VALUES ({req.Event}, {req.Channel}, {req.Lang}, {req.Subject}, {req.Body}, {now})
            ON CONFLICT (event, channel, language) DO UPDATE
            SET subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at
            """, ct);
        db.Audit(User, now, "notification_template.updated", "notification_template", $"{req.Event}/{req.Channel}/{req.Lang}",
            new { req.Subject, req.Body });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await Send.OkAsync(new Envelope<TemplateView>("Template saved successfully",
            new TemplateView(req.Event!, req.Channel!, req.Lang!, req.Subject, req.Body!, true, now)), ct);
    }
}
