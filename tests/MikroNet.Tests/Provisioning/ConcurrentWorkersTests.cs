using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

public sealed class ConcurrentWorkersTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    /// <summary>
    /// Four extra delivery loops on their own database connections race the host's worker, as other hosts would.
    /// A command delivered twice would show as a second print (and add) for the same name.
    /// </summary>
    [Fact]
    public async Task ManyWorkers_SameDatabase_DeliverEachCommandExactlyOnce()
    {
        const int clients = 60;
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("contended"));
        await app.Emulator.StopAsync();
        for (var i = 0; i < clients; i++) await app.Api.AddClientAsync(routerId, $"race-{i:00}");

        app.Emulator.Options.CommandDelays["/ppp/secret/add"] = TimeSpan.FromMilliseconds(20);
        app.Emulator.ResetCounters();
        await app.Emulator.StartAgainAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var extraWorkers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => DeliverUntilDoneAsync(stop.Token))).ToList();

        await ProvisioningFixture.EventuallyAsync(
            async () =>
            {
                await using var db = app.Db();
                return !await db.RouterCommands.AnyAsync(c => c.RouterId == routerId && c.Status != OutboxStatus.Done);
            },
            TimeSpan.FromSeconds(30), "every command is delivered");
        await stop.CancelAsync();
        await Task.WhenAll(extraWorkers);
        app.Emulator.Options.CommandDelays.Clear();

        app.Emulator.CountOf("/ppp/secret/add").ShouldBe(clients);
        app.Emulator.CountOf("/ppp/secret/print").ShouldBe(clients);
        app.Emulator.Secrets.Count(s => s.Name.StartsWith("race-", StringComparison.Ordinal)).ShouldBe(clients);
    }

    private async Task DeliverUntilDoneAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await using var scope = app.Host.Services.CreateAsyncScope();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<OutboxRound<RouterCommand>>().RunOnceAsync(ct) == 0) await Task.Delay(10, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
