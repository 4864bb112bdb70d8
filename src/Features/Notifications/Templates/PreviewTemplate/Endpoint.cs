using FastEndpoints;
using Microsoft.AspNetCore.Http;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Notifications.Templates.PreviewTemplate;

/// <summary>Renders a template with a real client's or invoice's data, as the message would read today.</summary>
public sealed class Endpoint(MikroNetDb db, MessageData data, TemplateStore store, TemplateEngine engine, ProviderClock clock)
    : Endpoint<Request, Envelope<Response>>
{
    public override void Configure()
    {
        Post("/notification-templates/preview");
        Roles(Common.Roles.Admin);
        Description(b => b.Problems(422));
        Summary(s => s.Summary = "Render a message template with a client's or an invoice's data");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var (e, channel) = (TemplateKeys.Events[req.Event!], TemplateKeys.Channels[req.Channel!]);
        if (req.Subject is not null && TemplateEngine.Problem(req.Subject) is { } inSubject)
            AddError(r => r.Subject!, inSubject.ToString());
        if (req.Body is not null && TemplateEngine.Problem(req.Body) is { } inBody)
            AddError(r => r.Body!, inBody.ToString());
        ThrowIfAnyErrors();
        var subject = await PreviewSubject.FindAsync(db, e, req.ClientId, req.InvoiceId, clock.Today, ct);
        if (subject is null)
            ThrowError(r => r.InvoiceId!, "No such invoice, or it is not this client's.", StatusCodes.Status422UnprocessableEntity);
        var model = (await data.LoadAsync([subject], ct))[0]!;
        var template = await store.GetAsync(e, channel, req.Lang ?? "id", ct);
        var subjectText = req.Subject ?? template.Subject;
        Response rendered;
        try
        {
            rendered = new Response(subjectText is null ? null : engine.Render(subjectText, model),
                engine.Render(req.Body ?? template.Body, model));
        }
        catch (TemplateRenderException ex)
        {
            ThrowError(r => r.Body!, $"The template could not be rendered: {ex.Message}", StatusCodes.Status422UnprocessableEntity);
            return;
        }
        await Send.OkAsync(new Envelope<Response>("Template rendered successfully", rendered), ct);
    }
}
