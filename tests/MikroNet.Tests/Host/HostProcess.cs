using System.Diagnostics;
using System.Text;

namespace MikroNet.Tests.Host;

/// <summary>The built host in a process of its own, as an operator or cron starts it; its output is collected.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var hostDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Auth__SigningKey"] = "cHJvY2Vzcy10ZXN0cy1zaWduaW5nLWtleS10aGlydHktdHdvLWJ5dGVzLWxvbmctMQ==";
        start.Environment["Billing__Enabled"] = "false";
        start.Environment["Provisioning__WorkerEnabled"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var host = new HostProcess(new Process { StartInfo = start });
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for the process to end and answers its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void KillHard() => _process.Kill(entireProcessTree: false); // SIGKILL

    /// <summary>SIGTERM, what systemd and Ctrl+C-like stops send.</summary>
    public void StopCleanly() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
