using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using Shouldly;
using MikroNet.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace MikroNet.Tests.Provisioning;

public sealed class ClientLifecycleTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Lifecycle_RegisterDisableEnableUpdateDelete_RouterFollowsEachStepWithin2s()
    {
        var emulator = app.Emulator;
        var routerId = await app.RegisterRouterAsync("lifecycle");

        var clientId = await app.RegisterClientAsync(routerId, "budi", "first-pass");
        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("budi") is not null, Step, "register adds the secret");
        var secret = emulator.FindSecret("budi")!;
        secret.Password.ShouldBe("first-pass");
        secret.Service.ShouldBe("pppoe");
        secret.Profile.ShouldBe("default");
        secret.Comment.ShouldBe(clientId.ToString());
        secret.Disabled.ShouldBeFalse();
        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.ProvisioningOfAsync(clientId)).GetProperty("state").GetString() == "synced",
            Step, "details show the client synced");

        emulator.Connect("budi");
        (await app.AdminAsync(HttpMethod.Post, $"/client/{clientId}/disable")).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.FindSecret("budi")!.Disabled && emulator.ActiveSessions.All(a => a.Name != "budi"),
            Step, "disable disables the secret and ends the live session");

        (await app.AdminAsync(HttpMethod.Post, $"/client/{clientId}/enable")).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => !emulator.FindSecret("budi")!.Disabled, Step, "enable enables the secret");

        (await app.AdminAsync(HttpMethod.Put, $"/client/update/{clientId}", new { ppp_password = "second-pass" })).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("budi")!.Password == "second-pass", Step,
            "a new password reaches the router");

        (await app.AdminAsync(HttpMethod.Put, $"/client/update/{clientId}", new { ppp_secret_name = "budi2" })).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(
            () => emulator.FindSecret("budi") is null && emulator.FindSecret("budi2")?.Password == "second-pass",
            Step, "a rename removes the old secret and adds the new one");

        (await app.AdminAsync(HttpMethod.Delete, $"/client/delete/{clientId}")).Status.ShouldBe(200);
        await ProvisioningFixture.EventuallyAsync(() => emulator.Secrets.All(s => s.Name != "budi2"), Step, "delete removes the secret");

        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.CommandsOfAsync(clientId)).All(c => c.Status == OutboxStatus.Done),
            Step, "every queued command is delivered");
        emulator.Secrets.Count(s => s.Comment == clientId.ToString()).ShouldBe(0);
    }

    [Fact]
    public async Task Register_SecretMadeByHand_IsAdoptedNotDuplicated()
    {
        var routerId = await app.RegisterRouterAsync("adoption");
        app.Emulator.AddSecret("handmade", "old-pass", service: "any");

        var clientId = await app.RegisterClientAsync(routerId, "handmade", "new-pass");

        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("handmade")!.Comment == clientId.ToString(),
            Step, "the hand-made secret is taken over");
        app.Emulator.Secrets.Count(s => s.Name == "handmade").ShouldBe(1);
        app.Emulator.FindSecret("handmade")!.Password.ShouldBe("new-pass");
    }

    [Fact]
    public async Task Register_PlanProfileUnknownToRouter_MarksCommandAndClientFailedWithRouterMessage()
    {
        var routerId = await app.RegisterRouterAsync("unknown-profile");
        var planId = await app.AddPlanAsync("Gold 50M", "gold-50m");

        var clientId = await app.RegisterClientAsync(routerId, "siti", planId: planId);

        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.ProvisioningOfAsync(clientId)).GetProperty("state").GetString() == "failed",
            Step, "the client's provisioning is failed");
        var provisioning = await app.ProvisioningOfAsync(clientId);
        provisioning.GetProperty("last_error").GetString().ShouldBe("input does not match any value of profile");
        var command = (await app.CommandsOfAsync(clientId)).ShouldHaveSingleItem();
        command.Status.ShouldBe(OutboxStatus.Failed);
        command.LastError.ShouldBe("input does not match any value of profile");
        command.Attempts.ShouldBe(1);
        app.Emulator.FindSecret("siti").ShouldBeNull();
    }

    [Fact]
    public async Task EnsureProfile_QueuedWithClientInOneTransaction_ProfileAppearsFirstAndSecretUsesIt()
    {
        var routerId = await app.RegisterRouterAsync("profiles");
        var planId = await app.AddPlanAsync("Silver 20M", "silver-20m");
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
        var routerId = await app.RegisterRouterAsync("fixed-by-hand");
        var planId = await app.AddPlanAsync("Bronze 5M", "bronze-5m");
        var clientId = await app.RegisterClientAsync(routerId, "yanto", planId: planId);
        await ProvisioningFixture.EventuallyAsync(
            async () => (await app.ProvisioningOfAsync(clientId)).GetProperty("state").GetString() == "failed", Step,
            "the unknown profile fails the client");

        app.Emulator.AddProfile("bronze-5m", "5M/5M");
        var (status, body) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");

        status.ShouldBe(200, body.ToString());
        app.Emulator.FindSecret("yanto")!.Profile.ShouldBe("bronze-5m");
        var provisioning = await app.ProvisioningOfAsync(clientId);
        provisioning.GetProperty("state").GetString().ShouldBe("synced");
        provisioning.GetProperty("last_error").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
