using MikroNet.Features.Provisioning.Reconcile;
using MikroNet.Features.Provisioning.Worker;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Provisioning;

public static class ProvisioningExtensions
{
    public static IServiceCollection AddProvisioning(this IServiceCollection services)
    {
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Provisioning:PollInterval must be positive.")
            .Validate(o => o.BatchSize is > 0 and <= 10_000, "Provisioning:BatchSize must be between 1 and 10000.")
            .Validate(o => o.BaseBackoff > TimeSpan.Zero && o.MaxBackoff >= o.BaseBackoff,
                "Provisioning:BaseBackoff must be positive and not above Provisioning:MaxBackoff.")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero && o.CommandTimeout > TimeSpan.Zero,
                "Provisioning:ConnectTimeout and Provisioning:CommandTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
            return new RouterOsClientOptions { ConnectTimeout = options.ConnectTimeout, CommandTimeout = options.CommandTimeout };
        });
        services.AddRouterOsClient();
        services.AddSingleton<RouterConnector>();
        services.AddScoped<RouterReconciler>();
        services.AddOutbox<MikroNetDb, RouterCommand, RouterCommandHandler>(RouterCommandHandler.Queue, sp =>
        {
            var o = sp.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
            return new OutboxSettings(o.WorkerEnabled, o.PollInterval, o.BatchSize, o.BaseBackoff, o.MaxBackoff);
        });
        return services;
    }
}
