using System.Text.Json.Serialization;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Notifications.Templates;

/// <summary>A template in force: <c>custom</c> when the operator's own text replaced the shipped one.</summary>
public sealed record TemplateView([property: EnumValues(typeof(NotificationEvent))] string Event,
    [property: EnumValues(typeof(NotificationChannel))] string Channel, [property: EnumValues("id", "en")] string Lang,
    string? Subject, [property: JsonConverter(typeof(MultiLineTextConverter))] string Body, bool Custom, Instant? UpdatedAt);

/// <summary>Route names of events, channels and languages, as stored.</summary>
public static class TemplateKeys
{
    public static readonly IReadOnlyDictionary<string, NotificationEvent> Events =
        Enum.GetValues<NotificationEvent>().ToDictionary(Infrastructure.Persistence.SnakeCaseEnums.ToSnakeCase<NotificationEvent>);

    public static readonly IReadOnlyDictionary<string, NotificationChannel> Channels =
        Enum.GetValues<NotificationChannel>().ToDictionary(Infrastructure.Persistence.SnakeCaseEnums.ToSnakeCase<NotificationChannel>);
}
