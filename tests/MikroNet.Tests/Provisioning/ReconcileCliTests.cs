using System.Diagnostics;
using System.Text.Json;
using MikroNet.Features.Provisioning.Reconcile;
using MikroNet.RouterOs;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>The verb as cron runs it: the host executable in a process of its own, on the test's database and keys.</summary>
public sealed class ReconcileCliTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task RoutersReconcile_DryRunThenRun_ReportsJsonAndRepairsOnlyOnTheSecondRun()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("cli"));
        await app.Api.AddClientAsync(routerId, "cli-1");
        await ProvisioningFixture.EventuallyAsync(() => app.Emulator.FindSecret("cli-1") is not null,
            TimeSpan.FromSeconds(5), "the secret is provisioned");
        await using (var router = await RouterOsConnection.ConnectAsync(new(
            "127.0.0.1", app.Emulator.Port, false, ProvisioningFixture.RouterUser, ProvisioningFixture.RouterPassword)))
        {
            await router.RemoveAsync("/ppp/secret", app.Emulator.FindSecret("cli-1")!.Id);
        }

        var (dryExit, dryOut) = await RunVerbAsync("routers", "reconcile", "--router", routerId.ToString(), "--dry-run");
        dryExit.ShouldBe(0, dryOut);
        var dry = JsonSerializer.Deserialize<ReconcileReport>(dryOut, ApiJson.Answers)!;
        dry.DryRun.ShouldBeTrue();
        dry.Changes[0].Action.ShouldBe("add");
        app.Emulator.FindSecret("cli-1").ShouldBeNull();

        var (exit, output) = await RunVerbAsync("routers", "reconcile", "--router", routerId.ToString());
        exit.ShouldBe(0, output);
        app.Emulator.FindSecret("cli-1").ShouldNotBeNull();

        (await RunVerbAsync("routers", "reconcile", "--bogus")).Exit.ShouldBe(2);
    }

    private async Task<(int Exit, string Output)> RunVerbAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Postgres"] = app.ConnectionString;
        start.Environment["Storage__DataDirectory"] = app.DataDirectory;
        start.Environment["Auth__SigningKey"] = "Y2xpLXRlc3RzLXNpZ25pbmcta2V5LXRoaXJ0eS10d28tYnl0ZXMtbG9uZy0xMjM0NTY=";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
