using MikroNet.Features.Common;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Notifications.ClientNotifications;

public sealed class Request
{
    public int Id { get; set; }
}

/// <summary>
/// One message as the operator sees it: <c>pending</c> (waiting, retrying or held for quiet hours), <c>sent</c>,
/// <c>failed</c> (the provider refused it; <c>last_error</c> is its answer) or <c>skipped</c> (never tried; why).
/// </summary>
public sealed record NotificationView(long NotificationId,
    [property: EnumValues(typeof(NotificationEvent))] string Event,
    [property: EnumValues(typeof(NotificationChannel))] string Channel, string To,
    [property: EnumValues(typeof(NotificationStatus))] string Status, int Attempts, string? LastError,
    int? InvoiceId, int? PaymentId, LocalDate OnDate, Instant CreatedAt, Instant? NextAttemptAt, Instant? SentAt)
{
    public static NotificationStatus StatusOf(OutboxStatus status, string? skipReason) => status switch
    {
        OutboxStatus.Done => NotificationStatus.Sent,
        OutboxStatus.Failed => skipReason is null ? NotificationStatus.Failed : NotificationStatus.Skipped,
        _ => NotificationStatus.Pending,
    };

    public static NotificationView From(Notification n) => new(n.Id, SnakeCaseEnums.ToSnakeCase(n.Event),
        SnakeCaseEnums.ToSnakeCase(n.Channel), n.Recipient, SnakeCaseEnums.ToSnakeCase(StatusOf(n.Status, n.SkipReason)), n.Attempts,
        n.SkipReason ?? n.LastError, n.InvoiceId, n.PaymentId, n.OnDate, n.CreatedAt,
        n.Status == OutboxStatus.Pending ? n.NextAttemptAt : null, n.Status == OutboxStatus.Done ? n.CompletedAt : null);
}

public enum NotificationStatus { Pending, Sent, Failed, Skipped }
