using System.Text.Json.Serialization;
using FastEndpoints;
using FluentValidation;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Notifications.Templates.PreviewTemplate;

/// <summary>
/// Which template, and whose data: an invoice (its client, and its latest payment for payment_received) or a
/// client (its latest invoice). <c>subject</c>/<c>body</c> preview a text before it is saved.
/// </summary>
public sealed class Request
{
    [property: EnumValues(typeof(Infrastructure.Persistence.Entities.NotificationEvent))]
    public string? Event { get; set; }

    [property: EnumValues(typeof(Infrastructure.Persistence.Entities.NotificationChannel))]
    public string? Channel { get; set; }

    [property: EnumValues("id", "en")]
    public string? Lang { get; set; }
    public int? InvoiceId { get; set; }
    public int? ClientId { get; set; }
    public string? Subject { get; set; }

    [JsonConverter(typeof(MultiLineTextConverter))]
    public string? Body { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Event).NotEmpty().Must(e => e is null || TemplateKeys.Events.ContainsKey(e))
            .WithMessage($"Event must be one of {string.Join(", ", TemplateKeys.Events.Keys)}.");
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || TemplateKeys.Channels.ContainsKey(c))
            .WithMessage($"Channel must be one of {string.Join(", ", TemplateKeys.Channels.Keys)}.");
        RuleFor(r => r.Lang).Must(l => l is null || NotificationOptions.Languages.Contains(l))
            .WithMessage($"Lang must be one of {string.Join(", ", NotificationOptions.Languages)}.");
        RuleFor(r => r.InvoiceId).GreaterThan(0);
        RuleFor(r => r.ClientId).GreaterThan(0);
        RuleFor(r => r).Must(r => r.InvoiceId is not null || r.ClientId is not null)
            .WithName("invoice_id").WithMessage("invoice_id or client_id is required.");
        RuleFor(r => r.Body).MaximumLength(Limits.TemplateBody);
        RuleFor(r => r.Subject).MaximumLength(Limits.LongText);
    }
}

public sealed record Response(string? Subject, [property: JsonConverter(typeof(MultiLineTextConverter))] string Body);
