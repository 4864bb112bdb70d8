using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MikroNet.Features.Documents.Rendering;

namespace MikroNet.Features.Documents;

public static class DocumentsExtensions
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DocumentRenderer(sp.GetRequiredService<IOptions<ProviderOptions>>().Value));
        // Payment gateways replace this with their own links.
        services.TryAddSingleton<IPaymentLinks, NoPaymentLinks>();
        return services;
    }
}
