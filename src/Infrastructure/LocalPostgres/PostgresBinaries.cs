namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>Finds the PostgreSQL programs: configured folder, then PATH, then the Debian layout (newest first).</summary>
public static class PostgresBinaries
{
    private static readonly string[] Server = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The first folder holding every one of <paramref name="programs"/> (the server's when none is named).</summary>
    public static string Locate(string? configured, params string[] programs)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured)) candidates.Add(configured);
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator,
            StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return FirstComplete(candidates, programs.Length == 0 ? Server : programs);
    }

    public static string FirstComplete(IEnumerable<string> candidates) => FirstComplete(candidates, Server);

    private static string FirstComplete(IEnumerable<string> candidates, string[] programs) =>
        candidates.FirstOrDefault(dir => programs.All(p => File.Exists(Path.Combine(dir, p))))
            ?? throw new LocalPostgresException(
                $"PostgreSQL programs ({string.Join(", ", programs)}) were not found on PATH or under " +
                "/usr/lib/postgresql/*/bin: install them (Debian/Ubuntu: apt-get install postgresql) " +
                (programs == Server ? "or set ConnectionStrings:Postgres to an existing server." : "or set LocalPostgres:BinDirectory."));
}

public sealed class LocalPostgresException(string message) : Exception(message);
