namespace MikroNet.Infrastructure.LocalPostgres;

/// <summary>Finds the PostgreSQL server programs: configured folder, then PATH, then the Debian layout.</summary>
public static class PostgresBinaries
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public static string Locate(string? configured)
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

        return FirstComplete(candidates);
    }

    public static string FirstComplete(IEnumerable<string> candidates)
    {
        return candidates.FirstOrDefault(dir => Required.All(p => File.Exists(Path.Combine(dir, p))))
            ?? throw new LocalPostgresException(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or under " +
                "/usr/lib/postgresql/*/bin: install them (Debian/Ubuntu: apt-get install postgresql) " +
                "or set ConnectionStrings:Postgres to an existing server.");
    }
}

public sealed class LocalPostgresException(string message) : Exception(message);
