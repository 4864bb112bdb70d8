using System.Diagnostics;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOsEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Shouldly;
using RegisterRouter = MikroNet.Features.Routers.RegisterRouter;

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// A host whose outbox worker runs for real against an in-process RouterOS emulator on loopback, with short
/// backoffs. The worker schedules retries in real time, so this fixture uses the system clock.
/// </summary>
public class ProvisioningFixture : AppFixture
{
    public const string RouterUser = "mikronet";
    public const string RouterPassword = "router-secret";

    public RouterOsEmulator.RouterOsEmulator Emulator { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Provisioning:WorkerEnabled", "true"),
        new("Provisioning:PollInterval", "00:00:00.050"),
        new("Provisioning:BaseBackoff", "00:00:00.100"),
        new("Provisioning:MaxBackoff", "00:00:01"),
        new("Provisioning:ConnectTimeout", "00:00:02"),
        new("Provisioning:CommandTimeout", "00:00:05"),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IClock>();
        services.AddSingleton<IClock>(SystemClock.Instance);
    }

    public override async Task InitializeAsync()
    {
        Emulator = await RouterOsEmulator.RouterOsEmulator.StartAsync(
            new EmulatorOptions { Username = RouterUser, Password = RouterPassword });
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>The emulator as a router to register (another port or password to make it unreachable).</summary>
    public RegisterRouter.Request EmulatorRouter(string name, int? port = null, string password = RouterPassword) => new()
    {
        Name = name, Host = "127.0.0.1", Port = port ?? Emulator.Port, Username = RouterUser, Password = password,
    };

    /// <summary>A plan written straight to the database, so no router is asked to create its profile.</summary>
    public async Task<int> InsertPlanAsync(string name, string profile)
    {
        await using var db = Db();
        var plan = new Plan { Name = name, Price = 100_000m, PeriodMonths = 1, PppProfile = profile, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }

    /// <summary>Polls until the condition holds; fails with the message after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout) throw new ShouldAssertException($"Not within {timeout}: {because}");
            await Task.Delay(25);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        EventuallyAsync(() => Task.FromResult(condition()), timeout, because);
}
