using System.Diagnostics;
using MikroNet.Features.Graph.Live;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph.Live;

/// <summary>
/// Two hosts on one database: host A takes the REST change and its outbox worker applies it to the router
/// (the emulator); a page subscribed on host B follows the client until the router has it.
/// </summary>
public sealed class ClientChangedProvisioningTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task ClientChanged_DisabledThroughHostA_HostBSeesSyncedWithin1sOfRouter()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("live"));
        var clientId = await app.Api.AddClientAsync(routerId, "live-budi");
        await ProvisioningFixture.EventuallyAsync(async () => (await app.Api.ProvisioningOfAsync(clientId)).State == "synced",
            TimeSpan.FromSeconds(5), "the new client is on the router");
        await using var hostB = await app.StartHostAsync(("Provisioning:WorkerEnabled", "false"));
        await using var socket = await GraphSocketClient.OpenAsync(hostB, await app.Api.AdminTokenAsync());
        await socket.SubscribeAsync("c", "subscription($id: Int!) { clientChanged(clientId: $id) { status provisioning { state } } }",
            new { id = clientId });
        await ProvisioningFixture.EventuallyAsync(() => hostB.Services.GetRequiredService<LiveHub>().Count == 1,
            TimeSpan.FromSeconds(5), "subscribed on host B");

        var clock = Stopwatch.StartNew();
        var applied = Task.Run(async () =>
        {
            await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("live-budi")!.Disabled, TimeSpan.FromSeconds(5),
                "the router disables the secret");
            return clock.Elapsed;
        });
        (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);

        var states = new List<string>();
        TimeSpan synced;
        while (true)
        {
            var client = (await socket.NextAsync("c")).GetProperty("data").GetProperty("clientChanged");
            client.GetProperty("status").GetString().ShouldBe("DISABLED");
            states.Add(client.GetProperty("provisioning").GetProperty("state").GetString()!);
            if (states[^1] == "SYNCED")
            {
                synced = clock.Elapsed;
                break;
            }
        }

        // PENDING until the router has it (two quick changes may reach a subscriber as one event: the latest state)
        states.ShouldAllBe(s => s == "PENDING" || s == "SYNCED");
        (synced - await applied).ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }
}
