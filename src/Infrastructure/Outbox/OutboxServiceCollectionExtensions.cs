using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MikroNet.Infrastructure.Persistence.Notifications;

namespace MikroNet.Infrastructure.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Plugs a consumer in: its rows (a table deriving from <see cref="OutboxRow"/>, a DbSet of <typeparamref name="TDb"/>),
    /// its queue, its handler (scoped, so it may take the DbContext) and its settings. Registers the round (scoped),
    /// the wake-up signal, its LISTEN on mikronet_&lt;table&gt; (the table needs the <c>notify_outbox()</c> trigger) and
    /// the hosted loop.
    /// </summary>
    public static IServiceCollection AddOutbox<TDb, TRow, THandler>(
        this IServiceCollection services, OutboxQueue queue, Func<IServiceProvider, OutboxSettings> settings)
        where TDb : DbContext
        where TRow : OutboxRow
        where THandler : class, IOutboxHandler<TRow>
    {
        services.AddSingleton(sp => new OutboxConsumer<TRow>(queue, settings(sp)));
        services.AddSingleton<OutboxWakeUp<TRow>>();
        services.AddSingleton<IDatabaseListener, OutboxListener<TRow>>();
        services.AddScoped<IOutboxHandler<TRow>, THandler>();
        services.AddScoped(sp => new OutboxRound<TRow>(
            sp.GetRequiredService<TDb>(), sp.GetRequiredService<IOutboxHandler<TRow>>(),
            sp.GetRequiredService<OutboxConsumer<TRow>>(), sp.GetRequiredService<NodaTime.IClock>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxRound<TRow>>>(),
            sp.GetService<Telemetry.MikroNetMetrics>()));
        services.AddHostedService<OutboxLoop<TRow>>();
        return services;
    }
}
