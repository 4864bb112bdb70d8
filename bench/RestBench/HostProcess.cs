using System.Diagnostics;
using System.Reflection;

namespace MikroNet.RestBench;

/// <summary>
/// The host as production runs it: its own process from the Release build output, with its own runtimeconfig
/// (garbage collector settings included), so that its CPU time and RSS are its own.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, StreamWriter log, string url)
    {
        _process = process;
        _log = log;
        Url = url;
    }

    public string Url { get; }
    public int Pid => _process.Id;

    public static async Task<HostProcess> StartAsync(string connectionString, string folder, string signingKey,
        IEnumerable<string> extraArgs)
    {
        var dll = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "HostAssembly").Value!;
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        string[] args =
        [
            "exec", dll, "--urls", url, "--environment", "Production",
            "--ConnectionStrings:Postgres", connectionString, "--Database:MigrateOnStart", "true",
            "--Storage:DataDirectory", Path.Combine(folder, "data"), "--Logging:LogLevel:Default", "Warning",
            "--Auth:SigningKey", signingKey,
            "--Auth:LoginPermitsPerMinute", "100000", "--Billing:Enabled", "false",
            .. extraArgs,
        ];
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(folder, "host.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, log, url);
        await host.WaitReadyAsync(Path.Combine(folder, "host.log"));
        return host;
    }

    public double CpuSeconds() => ProcessStats.CpuSeconds(Pid);
    public double RssMiB() => ProcessStats.RssMiB(Pid);

    private async Task WaitReadyAsync(string logFile)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        for (var i = 0; i < 480; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited while starting; see {logFile}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The host did not become ready.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }
}
