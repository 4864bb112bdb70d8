namespace MikroNet.Infrastructure.LocalPostgres;

public sealed class LocalPostgresOptions
{
    public const string Section = "LocalPostgres";

    /// <summary>Cluster folder; relative paths are taken from the repository root (or the content root).</summary>
    public string DataDirectory { get; set; } = ".data/postgres";

    /// <summary>0 picks a free loopback port at every start.</summary>
    public int Port { get; set; }

    /// <summary>Folder with initdb/pg_ctl/postgres; found on PATH or under /usr/lib/postgresql/*/bin when empty.</summary>
    public string? BinDirectory { get; set; }

    public string Database { get; set; } = "mikronet";

    /// <summary>
    /// The superuser's generated password (mode 600); empty: <c>postgres.password</c> beside the Data Protection keys
    /// (in Storage:DataDirectory), or beside the cluster folder when the server is started on its own (tests).
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>Tests turn this off: their throw-away clusters need no crash safety.</summary>
    public bool Durable { get; set; } = true;

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
