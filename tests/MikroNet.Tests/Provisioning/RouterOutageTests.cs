using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

public sealed class RouterOutageTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task Register_WhileRouterDown_SecretAppearsOnceWhenItReturns()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("outage-one"));
        await app.Emulator.StopAsync();
        try
        {
            var clientId = await app.Api.AddClientAsync(routerId, "down-1");
            await ProvisioningFixture.EventuallyAsync(
                async () => (await app.CommandsOfAsync(clientId)).Single().Attempts >= 2,
                TimeSpan.FromSeconds(10), "the worker retries while the router is down");
            var provisioning = await app.Api.ProvisioningOfAsync(clientId);
            provisioning.State.ShouldBe("pending");
            provisioning.LastError.ShouldNotBeNullOrEmpty();
        }
        finally
        {
            await app.Emulator.StartAgainAsync();
        }

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("down-1") is not null,
            TimeSpan.FromSeconds(5), "the secret appears once the router is back");
        app.Emulator.Secrets.Count(s => s.Name == "down-1").ShouldBe(1);
    }

    [Fact]
    public async Task Register50_WhileRouterDown_AllAppearOnceWithin60sOfItsReturn()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("outage-fifty"));
        await app.Emulator.StopAsync();
        List<int> clientIds;
        try
        {
            clientIds = [];
            for (var i = 0; i < 50; i++) clientIds.Add(await app.Api.AddClientAsync(routerId, $"fifty-{i:00}"));
            await Task.Delay(500);
        }
        finally
        {
            await app.Emulator.StartAgainAsync();
        }

        await ProvisioningFixture.EventuallyAsync(
            () => Enumerable.Range(0, 50).All(i => app.Emulator.FindSecret($"fifty-{i:00}") is not null),
            TimeSpan.FromSeconds(60), "all 50 secrets exist");
        app.Emulator.Secrets.Where(s => s.Name.StartsWith("fifty-", StringComparison.Ordinal))
            .GroupBy(s => s.Name).ShouldAllBe(g => g.Count() == 1);
        app.Emulator.Secrets.Count(s => s.Name.StartsWith("fifty-", StringComparison.Ordinal)).ShouldBe(50);
        await ProvisioningFixture.EventuallyAsync(
            async () =>
            {
                await using var db = app.Db();
                return db.Clients.Where(c => clientIds.Contains(c.Id)).All(c => c.ProvisioningState == ProvisioningState.Synced);
            },
            TimeSpan.FromSeconds(5), "all 50 clients are synced");
    }
}
