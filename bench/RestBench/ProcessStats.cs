using System.Globalization;

namespace MikroNet.RestBench;

/// <summary>CPU time and resident memory of processes, read from /proc (Linux).</summary>
internal static class ProcessStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of one process; with <paramref name="reaped"/> also its ended children's.</summary>
    public static double CpuSeconds(int pid, bool reaped = false)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after the command name start at field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
        var ticks = Field(fields, 14) + Field(fields, 15) + (reaped ? Field(fields, 16) + Field(fields, 17) : 0);
        return ticks / TicksPerSecond;
    }

    private static long Field(string[] afterName, int number) =>
        long.Parse(afterName[number - 3], CultureInfo.InvariantCulture);

    /// <summary>
    /// CPU seconds of a process and all its children, running or ended (a postmaster, its backends, and the
    /// backends of connections already closed, which the postmaster has reaped).
    /// </summary>
    public static double CpuSecondsWithChildren(int parent)
    {
        var total = CpuSeconds(parent, reaped: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"{dir}/stat");
                var ppid = (int)Field(stat[(stat.LastIndexOf(')') + 2)..].Split(' '), 4);
                if (ppid == parent) total += CpuSeconds(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return total;
    }

    /// <summary>The postmaster's pid: the first line of postmaster.pid in the cluster folder.</summary>
    public static int Postmaster(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Resident set size in MiB.</summary>
    public static double RssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return 0;
    }
}
