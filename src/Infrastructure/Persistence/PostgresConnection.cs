using System.Data.Common;
using Npgsql;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>What the host adds to the configured connection string, unless the operator set the key there.</summary>
public static class PostgresConnection
{
    /// <summary>
    /// No Reset On Close: a pooled connection is not reset with DISCARD ALL when it goes back to the pool, which
    /// cost one round trip per checkout. Nothing here leaves session state behind: advisory locks and settings are
    /// transaction-scoped (pg_advisory_xact_lock, set_config(…, true)), and Npgsql still rolls back an open transaction.
    /// Max Auto Prepare: statements run at least twice are prepared on the server and stay prepared on the physical
    /// connection across requests, so repeated requests skip parsing and planning.
    /// Maximum Pool Size, 4 per CPU (at least 8) instead of Npgsql's 100: a request holds one connection, and more
    /// busy backends than the server has cores only queue for the CPUs; on two cores 32 concurrent requests with 32
    /// backends had a p99 of 35-100 ms, with 8 backends 6-7 ms at a higher rate (docs/performance.md).
    /// No Enlist: nothing here uses System.Transactions (TransactionScope), so opening a connection need not look for an
    /// ambient transaction to join, nor load System.Transactions to do so.
    /// </summary>
    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Configured(connectionString, "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Configured(connectionString, "MaxAutoPrepare")) builder.MaxAutoPrepare = 100;
        if (!Configured(connectionString, "Enlist")) builder.Enlist = false;
        if (!Configured(connectionString, "MaximumPoolSize") && !Configured(connectionString, "MaxPoolSize"))
            builder.MaxPoolSize = Math.Max(8, 4 * Environment.ProcessorCount);
        return builder.ConnectionString;
    }

    /// <summary>Whether the string itself names the key, in any spelling Npgsql accepts ("No Reset On Close").</summary>
    private static bool Configured(string connectionString, string compactKey)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", ""), compactKey, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The pool of a set of background lanes (<see cref="ReadBatches"/>, <see cref="SharedTransactions"/>): one
    /// connection per lane, apart from the pool requests take theirs from. A request keeps its pooled connection until
    /// it ends (<see cref="OneConnectionPerScope"/>) and may wait for a lane meanwhile; lanes drawing on the same pool
    /// could find every connection held by requests waiting for them (with the LISTEN connection down, every request's
    /// token check holds one) and wait for the pool's timeout.
    /// </summary>
    public static string ForLanes(string connectionString, int lanes) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = lanes, MinPoolSize = 0 }.ConnectionString;

    /// <summary>Marks each host's LISTEN connection in pg_stat_activity, so a host can count the listening hosts.</summary>
    public const string ListenerApplicationName = "mikronet-listen";

    /// <summary>A connection of its own for LISTEN: outside the pool, with keepalives so a dead server is noticed.</summary>
    public static string ForListening(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        KeepAlive = 15,
        ApplicationName = ListenerApplicationName,
    }.ConnectionString;
}
