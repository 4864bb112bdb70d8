using GraphQL.Types;
using MikroNet.Features.Graph.Loading;
using MikroNet.Features.Graph.Scalars;
using MikroNet.Features.Notifications.ClientNotifications;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace MikroNet.Features.Graph.Types;

public sealed class NotificationType : ObjectGraphType<NotificationRow>
{
    public NotificationType()
    {
        Name = "Notification";
        Description = "A message to the client on one channel, and what became of it.";
        Field<NonNullGraphType<NotificationEventType>>("event").Resolve(c => c.Source.Event);
        Field<NonNullGraphType<NotificationChannelType>>("channel").Resolve(c => c.Source.Channel);
        Field<NonNullGraphType<StringGraphType>>("to").Description("E.164 phone or e-mail address (as queued until tried).")
            .Resolve(c => c.Source.To);
        Field<NonNullGraphType<NotificationStatusType>>("status").Resolve(c => NotificationView.StatusOf(c.Source.Status, c.Source.SkipReason));
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Attempts);
        Field<StringGraphType>("lastError").Description("The provider's answer to the last attempt, or why it was skipped.")
            .Resolve(c => c.Source.SkipReason ?? c.Source.LastError);
        Field<InstantGraphType>("sentAt").Resolve(c =>
            c.Source.Status == Infrastructure.Outbox.OutboxStatus.Done ? c.Source.CompletedAt : null);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class NotificationEventType : EnumerationGraphType<NotificationEvent>
{
    public NotificationEventType() => Name = "NotificationEvent";
}

public sealed class NotificationChannelType : EnumerationGraphType<NotificationChannel>
{
    public NotificationChannelType() => Name = "NotificationChannel";
}

public sealed class NotificationStatusType : EnumerationGraphType<NotificationStatus>
{
    public NotificationStatusType()
    {
        Name = "NotificationStatus";
        Description = "PENDING while waiting, retrying or held for quiet hours; SKIPPED when never tried (the reason is its lastError).";
    }
}

internal static class NotificationLoaderAccess
{
    public static NotificationLoaders Notifications(this GraphQL.IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<NotificationLoaders>();
}
