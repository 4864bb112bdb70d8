using Microsoft.Extensions.DependencyInjection;
using MikroNet.RouterOs;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Pooling;

public class RouterOsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddRouterOsClient_Resolved_GivesOneSharedPool()
    {
        var services = new ServiceCollection().AddLogging().AddRouterOsClient();
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IRouterOsConnectionPool>();

        first.ShouldBeOfType<RouterOsConnectionPool>();
        provider.GetRequiredService<IRouterOsConnectionPool>().ShouldBeSameAs(first);
    }
}
