using System.Diagnostics;

namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>Runs a PostgreSQL program, as the postgres user when we are root (initdb and postgres refuse root).</summary>
internal sealed class ProcessRunner(string binDirectory, bool asPostgresUser)
{
    public async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args,
        CancellationToken ct)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var exe = Path.Combine(binDirectory, program);
        if (asPostgresUser)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", exe }) psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = exe;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(psi) ?? throw new LocalPostgresException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
