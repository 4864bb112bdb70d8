using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>The worker polls only once a minute here, so anything faster came from the NOTIFY wake-up.</summary>
public sealed class SlowPollingFixture : ProvisioningFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        base.Settings().Append(new("Provisioning:PollInterval", "00:01:00"));
}

public sealed class OutboxWakeUpTests(SlowPollingFixture app) : IClassFixture<SlowPollingFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Commit_OfRouterCommands_WakesTheWorkerWithoutWaitingForThePoll()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("wake-up"));
        for (var i = 0; i < 3; i++)
        {
            var name = $"wake-{i}";
            var clientId = await app.Api.AddClientAsync(routerId, name);
            await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret(name) is not null, Soon,
                "the registration's commit woke the worker");
            (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);
            await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret(name)!.Disabled, Soon,
                "the disable's commit woke the worker");
        }
    }

    [Fact]
    public async Task Commit_OnAnotherHost_WakesThisHostsWorker()
    {
        await using var other = await app.StartHostAsync(("Provisioning:WorkerEnabled", "false"));
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("wake-other"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/client/register")
        {
            Content = JsonContent.Create(new
            {
                name = "Other Host", phone_number = "+6281234567", address = "Jl. Test 2", ppp_secret_name = "wake-other-1",
                ppp_password = "ppp-pass-1", router_id = routerId,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.Api.AdminTokenAsync());
        (await other.Server.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("wake-other-1") is not null, Soon,
            "the other host's commit woke this host's worker");
    }
}
