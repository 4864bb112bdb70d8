using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Shouldly;
using MikroNet.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;

namespace MikroNet.Tests.Provisioning;

public sealed class ClientLifecycleTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Lifecycle_RegisterDisableEnableUpdateDelete_RouterFollowsEachStepWithin2s()
    {
        var emulator = app.Emulator;
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("lifecycle"));

        var clientId = await app.Api.AddClientAsync(routerId, "budi", password: "first-pass");
        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("budi") is not null, Step, "register adds the secret");
        var secret = emulator.FindSecret("budi")!;
        secret.Password.ShouldBe("first-pass");
        secret.Service.ShouldBe("pppoe");
        secret.Profile.ShouldBe("default");
        secret.Comment.ShouldBe(clientId.ToString());
        secret.Disabled.ShouldBeFalse();
        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.Api.ProvisioningOfAsync(clientId)).State == "synced",
            Step, "details show the client synced");

        emulator.Connect("budi");
        (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.FindSecret("budi")!.Disabled && emulator.ActiveSessions.All(a => a.Name != "budi"),
            Step, "disable disables the secret and ends the live session");

        (await app.Api.EnableClientAsync(clientId)).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => !emulator.FindSecret("budi")!.Disabled, Step, "enable enables the secret");

        (await app.Api.UpdateClientAsync(clientId, new UpdateClient.Request { PppPassword = "second-pass" })).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("budi")!.Password == "second-pass", Step,
            "a new password reaches the router");

        (await app.Api.UpdateClientAsync(clientId, new UpdateClient.Request { PppSecretName = "budi2" })).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.FindSecret("budi") is null && emulator.FindSecret("budi2")?.Password == "second-pass",
            Step, "a rename removes the old secret and adds the new one");

        (await app.Api.DeleteClientAsync(clientId)).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => emulator.Secrets.All(s => s.Name != "budi2"), Step, "delete removes the secret");

        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.CommandsOfAsync(clientId)).All(c => c.Status == OutboxStatus.Done),
            Step, "every queued command is delivered");
        emulator.Secrets.Count(s => s.Comment == clientId.ToString()).ShouldBe(0);
    }

    [Fact]
    public async Task Register_SecretMadeByHand_IsAdoptedNotDuplicated()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("adoption"));
        app.Emulator.AddSecret("handmade", "old-pass", service: "any");

        var clientId = await app.Api.AddClientAsync(routerId, "handmade", password: "new-pass");

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("handmade")!.Comment == clientId.ToString(),
            Step, "the hand-made secret is taken over");
        app.Emulator.Secrets.Count(s => s.Name == "handmade").ShouldBe(1);
        app.Emulator.FindSecret("handmade")!.Password.ShouldBe("new-pass");
    }

    [Fact]
    public async Task Register_PlanProfileUnknownToRouter_MarksCommandAndClientFailedWithRouterMessage()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("unknown-profile"));
        var planId = await app.InsertPlanAsync("Gold 50M", "gold-50m");

        var clientId = await app.Api.AddClientAsync(routerId, "siti", planId);

        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.Api.ProvisioningOfAsync(clientId)).State == "failed",
            Step, "the client's provisioning is failed");
        var provisioning = await app.Api.ProvisioningOfAsync(clientId);
        provisioning.LastError.ShouldBe("input does not match any value of profile");
        var command = (await app.CommandsOfAsync(clientId)).ShouldHaveSingleItem();
        command.Status.ShouldBe(OutboxStatus.Failed);
        command.LastError.ShouldBe("input does not match any value of profile");
        command.Attempts.ShouldBe(1);
        app.Emulator.FindSecret("siti").ShouldBeNull();
    }

    [Fact]
    public async Task EnsureProfile_QueuedWithClientInOneTransaction_ProfileAppearsFirstAndSecretUsesIt()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("profiles"));
        var planId = await app.InsertPlanAsync("Silver 20M", "silver-20m");
        // A slow profile add: without the barrier the client's sync would reach the router first and fail.
        app.Emulator.Options.CommandDelays["/ppp/profile/add"] = TimeSpan.FromMilliseconds(300);
        await using (var db = app.Db())
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var client = new Client
            {
                Name = "Rina", PhoneNumber = "+6281234567", Address = "Jl. Test 2", PppSecretName = "rina",
                PppPasswordProtected = app.Host.Services.GetRequiredService<SecretProtector>().Protect("rina-pass"),
                RouterId = routerId, PlanId = planId, CreatedAt = now, UpdatedAt = now,
            };
            db.Clients.Add(client);
            db.Enqueue(now, routerId, null, new EnsureProfile("silver-20m", "20M/20M"));
            db.Enqueue(now, routerId, client, new SyncSecret("rina"));
            await db.SaveChangesAsync();
        }

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("rina")?.Profile == "silver-20m", Step,
            "the secret uses the plan's profile");
        app.Emulator.Options.CommandDelays.Clear();
        app.Emulator.Profiles.Single(p => p.Name == "silver-20m").RateLimit.ShouldBe("20M/20M");
    }

    [Fact]
    public async Task Reconcile_AfterProfileFixedByHand_RepairsFailedClientAndMarksItSynced()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("fixed-by-hand"));
        var planId = await app.InsertPlanAsync("Bronze 5M", "bronze-5m");
        var clientId = await app.Api.AddClientAsync(routerId, "yanto", planId);
        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.Api.ProvisioningOfAsync(clientId)).State == "failed", Step,
            "the unknown profile fails the client");

        app.Emulator.AddProfile("bronze-5m", "5M/5M");
        var response = await app.Api.ReconcileAsync(routerId);

        response.Status.ShouldBe(200, response.Text);
        app.Emulator.FindSecret("yanto")!.Profile.ShouldBe("bronze-5m");
        var provisioning = await app.Api.ProvisioningOfAsync(clientId);
        provisioning.State.ShouldBe("synced");
        provisioning.LastError.ShouldBeNull();
    }
}
