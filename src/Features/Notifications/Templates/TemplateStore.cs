using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Notifications.Templates;

/// <summary>The wording in force for one event, channel and language: the operator's own, else the shipped default.</summary>
public sealed class TemplateStore(MikroNetDb db)
{
    private Dictionary<(NotificationEvent, NotificationChannel, string), DefaultTemplates.Text>? _custom;

    public async Task<DefaultTemplates.Text> GetAsync(NotificationEvent e, NotificationChannel channel, string language,
        CancellationToken ct)
    {
        // The table is small (at most events × channels × languages rows): read once per scope.
        _custom ??= await db.NotificationTemplates.AsNoTracking()
            .ToDictionaryAsync(t => (t.Event, t.Channel, t.Language), t => new DefaultTemplates.Text(t.Subject, t.Body), ct);
        return _custom.TryGetValue((e, channel, language), out var text) ? text : DefaultTemplates.For(e, channel, language);
    }
}
