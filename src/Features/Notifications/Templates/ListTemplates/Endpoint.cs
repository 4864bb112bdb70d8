using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Notifications.Templates.ListTemplates;

/// <summary>Every event × channel × language with the wording in force (the operator's, else the shipped default).</summary>
public sealed class Endpoint(MikroNetDb db) : EndpointWithoutRequest<Envelope<List<TemplateView>>>
{
    public override void Configure()
    {
        Get("/notification-templates");
        Roles(Common.Roles.Admin);
        Summary(s => s.Summary = "Message templates (Liquid) per event, channel and language");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var custom = await db.NotificationTemplates.AsNoTracking().ToDictionaryAsync(t => (t.Event, t.Channel, t.Language), ct);
        var views = (from e in TemplateKeys.Events
                     from c in TemplateKeys.Channels
                     from lang in NotificationOptions.Languages
                     let own = custom.GetValueOrDefault((e.Value, c.Value, lang))
                     let shipped = DefaultTemplates.For(e.Value, c.Value, lang)
                     select own is null
                         ? new TemplateView(e.Key, c.Key, lang, shipped.Subject, shipped.Body, false, null)
                         : new TemplateView(e.Key, c.Key, lang, own.Subject, own.Body, true, own.UpdatedAt)).ToList();
        await Send.OkAsync(new Envelope<List<TemplateView>>("Templates retrieved successfully", views), ct);
    }
}
