using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MikroNet.Features.Notifications.Delivery;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Features.Notifications.Templates;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Notifications;

public static class NotificationsExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Notifications:PollInterval must be positive.")
            .Validate(o => o.BaseBackoff > TimeSpan.Zero && o.MaxBackoff >= o.BaseBackoff,
                "Notifications:BaseBackoff must be positive and not above Notifications:MaxBackoff.")
            .ValidateOnStart();
        services.AddScoped<Notifier>();
        services.AddScoped<MessageData>();
        services.AddScoped<TemplateStore>();
        services.AddSingleton<TemplateEngine>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<HttpSender>();
        services.AddSingleton<ProviderRateLimits>();
        // No retry handler: the outbox retries with backoff, and a request must not be repeated behind its back.
        // Nor the factory's request logging: some gateways take their token in the URL's query.
        services.AddHttpClient(HttpSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddOutbox<MikroNetDb, Notification, NotificationHandler>(NotificationHandler.Queue, sp =>
        {
            var o = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            return new OutboxSettings(o.WorkerEnabled, o.PollInterval, o.BatchSize, o.BaseBackoff, o.MaxBackoff);
        });
        return services;
    }
}
