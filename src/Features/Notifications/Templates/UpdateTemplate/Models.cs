using System.Text.Json.Serialization;
using FastEndpoints;
using MikroNet.Features.Common;
using FluentValidation;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Features.Notifications.Templates.UpdateTemplate;

public sealed class Request
{
    public string? Event { get; set; }
    public string? Channel { get; set; }
    public string? Lang { get; set; }

    /// <summary>E-mail only (required there); WhatsApp and SMS have none.</summary>
    public string? Subject { get; set; }

    [JsonConverter(typeof(MultiLineTextConverter))]
    public string? Body { get; set; }
}

public sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Body).NotEmpty().MaximumLength(Limits.TemplateBody);
        RuleFor(r => r.Subject).MaximumLength(Limits.LongText);
    }
}
