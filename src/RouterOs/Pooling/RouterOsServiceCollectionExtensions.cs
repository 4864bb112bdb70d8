using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MikroNet.RouterOs;

public static class RouterOsServiceCollectionExtensions
{
    /// <summary>Registers the connection pool as a singleton so every request shares the routers' sessions.</summary>
    public static IServiceCollection AddRouterOsClient(this IServiceCollection services, RouterOsClientOptions? options = null)
    {
        services.TryAddSingleton(options ?? RouterOsClientOptions.Default);
        services.TryAddSingleton<IRouterOsConnectionPool, RouterOsConnectionPool>();
        return services;
    }
}
