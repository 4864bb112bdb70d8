using System.Net;
using System.Net.Sockets;
using MikroNet.Infrastructure.LocalPostgres;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>The host started, stopped and killed as a process, the way an operator or cron handles it.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Start_UnknownVerb_Exits2WithTheVerbsAndCreatesNothing()
    {
        var folder = TempFolder("verb");
        try
        {
            using var host = HostProcess.Start(new Dictionary<string, string>
            {
                ["LocalPostgres__DataDirectory"] = Path.Combine(folder, "pg"),
            }, "backpu", "create");

            (await host.ExitCodeAsync(Patience)).ShouldBe(2, host.Output);
            host.Output.Trim().ShouldContain("'backpu'");
            host.Output.ShouldContain("migrate, billing, routers");
            Directory.Exists(Path.Combine(folder, "pg")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_PortInUse_ExitsNonZeroWithOneLineNamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var host = HostProcess.Start(new Dictionary<string, string>(), "--urls", $"http://127.0.0.1:{port}");

        (await host.ExitCodeAsync(Patience)).ShouldBe(1, host.Output);
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, host.Output);
        lines[0].ShouldContain($"Port {port}");
        lines[0].ShouldContain("--urls");
    }

    [Theory]
    [InlineData("", "is not set")]
    [InlineData("c2hvcnQ=", "is shorter than 32 bytes")]
    [InlineData("not base64!", "is not base64")]
    public async Task Start_ProductionWithoutUsableSigningKey_ExitsWithOneLineAndCreatesNothing(string key, string reason)
    {
        var folder = TempFolder("key");
        try
        {
            using var host = HostProcess.Start(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Auth__SigningKey"] = key,
                ["LocalPostgres__DataDirectory"] = Path.Combine(folder, "pg"),
            }, "--urls", $"http://127.0.0.1:{FreePort()}");

            (await host.ExitCodeAsync(Patience)).ShouldBe(1, host.Output);
            var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.ShouldHaveSingleItem(host.Output).ShouldContain($"Auth:SigningKey {reason}");
            lines[0].ShouldContain("Auth__SigningKey");
            Directory.Exists(Path.Combine(folder, "pg")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_AfterKill9_AdoptsTheLeftPostgresAndStopsItOnCleanStop()
    {
        var folder = TempFolder("kill");
        var cluster = Path.Combine(folder, "pg");
        var environment = new Dictionary<string, string>
        {
            ["LocalPostgres__DataDirectory"] = cluster,
            ["Storage__DataDirectory"] = folder,
        };
        try
        {
            using (var first = HostProcess.Start(environment, "--urls", $"http://127.0.0.1:{FreePort()}"))
            {
                await WaitForAsync(() => Listening(first), first);
                first.KillHard();
                await first.ExitCodeAsync(Patience);
            }
            var postmaster = PostmasterPid(cluster);
            Directory.Exists($"/proc/{postmaster}").ShouldBeTrue("a killed host leaves its PostgreSQL running");

            using var second = HostProcess.Start(environment, "--urls", $"http://127.0.0.1:{FreePort()}");
            await WaitForAsync(() => Listening(second), second);
            second.Output.ShouldContain("adopting it");
            second.StopCleanly();
            (await second.ExitCodeAsync(Patience)).ShouldBe(0, second.Output);

            // pg_ctl stop returns once the server removed its pid file; the process itself ends a moment later.
            await WaitForAsync(() => !Directory.Exists($"/proc/{postmaster}"), second);
            PostgresProcessesOf(cluster).ShouldBeEmpty();
            second.Output.ShouldNotContain("No XML encryptor");
            second.Output.ShouldContain("Data Protection keys are in");
        }
        finally
        {
            await LocalPostgresServer.StopIfAbandonedAsync(cluster);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Listening(HostProcess host) => host.Output.Contains("Now listening on");

    private static async Task WaitForAsync(Func<bool> condition, HostProcess host)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException("Not within the time allowed:\n" + host.Output);
            await Task.Delay(100);
        }
    }

    private static int PostmasterPid(string cluster) =>
        int.Parse(File.ReadLines(Path.Combine(cluster, "postmaster.pid")).First());

    private static List<string> PostgresProcessesOf(string cluster) =>
        Directory.GetDirectories("/proc")
            .Select(dir => Path.Combine(dir, "cmdline"))
            .Select(file => { try { return File.ReadAllText(file).Replace('\0', ' '); } catch (IOException) { return ""; } })
            .Where(cmdline => cmdline.Contains("postgres") && cmdline.Contains(cluster))
            .ToList();

    private static string TempFolder(string what)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mikronet-lifecycle-{what}-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
