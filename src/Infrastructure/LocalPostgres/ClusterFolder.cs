using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>
/// Makes the cluster folder usable by the user that runs the server. As root that is "postgres", which
/// cannot enter folders such as /root (mode 700); the cluster then moves to /var/lib/mikronet under a
/// name derived from the requested path, so it is still the same folder at the next start.
/// </summary>
internal static class ClusterFolder
{
    public static string Prepare(string requested, bool asRoot, ILogger logger)
    {
        var path = Path.GetFullPath(requested);
        if (!asRoot)
        {
            Directory.CreateDirectory(path);
            return path;
        }

        if (!PostgresCanReach(Path.GetDirectoryName(path)!))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..12];
            var moved = Path.Combine("/var/lib/mikronet", hash, "postgres");
            logger.LogInformation("The postgres user cannot reach {Requested}; using {Moved} instead", path, moved);
            path = moved;
        }
        Directory.CreateDirectory(path);
        Run("chown", "postgres:postgres", path);
        Run("chmod", "700", path);
        return path;
    }

    private static bool PostgresCanReach(string directory)
    {
        Directory.CreateDirectory(directory);
        return Run("runuser", "-u", "postgres", "--", "test", "-x", directory) == 0;
    }

    private static int Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new LocalPostgresException($"Could not start {file}.");
        p.WaitForExit();
        return p.ExitCode;
    }
}
