using System.Data;
using System.Threading.Channels;
using MikroNet.Infrastructure.Telemetry;
using Npgsql;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Commits the units of work that wait at the same moment in one transaction (group commit): each lane takes the
/// waiting units (up to <see cref="MostPerGroup"/>, one per locked row), sends all their reads (which take their row
/// locks) in one round trip, lets each unit decide in C# what it writes, then sends all the writes with the COMMIT in a
/// second. Two round trips and one commit for the group instead of two and one for each unit: the round trips, the
/// backends' wake-ups and the commits were most of a payment's cost (docs/performance.md, "Payments committed
/// together").
/// </summary>
/// <remarks>
/// What a unit sees is what it would see alone: its reads run after its row lock is granted, each statement with its
/// own snapshot, and no other unit of its group touches its locked row. Locks are taken in the order of their keys, so
/// groups never wait on each other in a cycle. When the shared transaction fails before it commits (a statement
/// fails, a deadlock with another transaction, a pooled connection the server had closed), nothing of it is written and
/// every unit is told to run again on its own; only a failure whose outcome is unknown (the connection lost during the
/// COMMIT) reaches the callers as an error, as it would alone.
/// </remarks>
public sealed class SharedTransactions : Lanes<SharedTransactions.Unit>
{
    /// <summary>Half the bench's 32 connections, as for <see cref="ReadBatches.MostPerBatch"/>.</summary>
    public const int MostPerGroup = 16;

    private readonly NpgsqlDataSource _database;
    private readonly MikroNetMetrics? _metrics;

    /// <param name="lanes">Groups in flight at once; each holds a connection while its group runs.</param>
    /// <param name="metrics">Where each group's size is recorded (`mikronet_db_shared_transaction_size`).</param>
    public SharedTransactions(NpgsqlDataSource database, int lanes, MikroNetMetrics? metrics = null) : base(lanes)
    {
        _database = database;
        _metrics = metrics;
    }

    /// <summary>
    /// Joins the next shared transaction: <paramref name="reads"/> run with the group's, the first of them taking the
    /// row lock named by <paramref name="lockKey"/>, and <paramref name="read"/> reads their result sets (on the lane:
    /// it must not wait for anything but the reader). Null when the group failed before this unit could use it: the
    /// caller runs on its own. The caller then calls <see cref="Member{T}.CommitAsync"/> or disposes the member to
    /// leave without writing; the group waits for every member to do one or the other.
    /// </summary>
    /// <param name="lockKey">The locked row; a group holds at most one unit per row.</param>
    /// <param name="uniqueKey">A key the unit may write that must be unique (an idempotency key), or null.</param>
    public async Task<Member<T>?> JoinAsync<T>(long lockKey, string? uniqueKey, NpgsqlBatchCommand[] reads,
        Func<NpgsqlDataReader, Task<T>> read)
    {
        var unit = new Unit(lockKey, uniqueKey, reads, async reader => await read(reader));
        Enqueue(unit);
        var value = await unit.Read.Task;
        return unit.Joined ? new Member<T>(unit, (T)value!) : null;
    }

    protected override async Task RunLaneAsync(ChannelReader<Unit> waiting)
    {
        var group = new List<Unit>(MostPerGroup);
        var deferred = new List<Unit>();
        while (deferred.Count > 0 || await waiting.WaitToReadAsync())
        {
            Take(waiting, group, deferred);
            if (group.Count == 0) continue;
            _metrics?.SharedTransactionSent(group.Count);
            try
            {
                await Contexts.RunIn(group[0].Context, () => RunGroupAsync(group));
            }
            catch (Exception e)
            {
                // Ending the transaction failed (its connection is gone): every member has its answer already.
                foreach (var unit in group) unit.Read.TrySetException(e);
            }
            group.Clear();
        }
    }

    /// <summary>The units deferred last time first, then the waiting ones; a unit whose row or key is taken waits.</summary>
    private static void Take(ChannelReader<Unit> waiting, List<Unit> group, List<Unit> deferred)
    {
        var rows = new HashSet<long>();
        var keys = new HashSet<string>();
        bool Fits(Unit unit) => group.Count < MostPerGroup && !rows.Contains(unit.LockKey)
            && (unit.UniqueKey is null || !keys.Contains(unit.UniqueKey));
        void Add(Unit unit)
        {
            group.Add(unit);
            rows.Add(unit.LockKey);
            if (unit.UniqueKey is not null) keys.Add(unit.UniqueKey);
        }
        var again = new List<Unit>();
        foreach (var unit in deferred)
            if (Fits(unit)) Add(unit);
            else again.Add(unit);
        deferred.Clear();
        deferred.AddRange(again);
        while (group.Count < MostPerGroup && waiting.TryRead(out var next))
            if (Fits(next)) Add(next);
            else deferred.Add(next);
        group.Sort((a, b) => a.LockKey.CompareTo(b.LockKey));
    }

    private async Task RunGroupAsync(List<Unit> group)
    {
        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        try
        {
            try
            {
                connection = await _database.OpenConnectionAsync();
                transaction = await connection.BeginTransactionAsync();
                await ReadAsync(connection, transaction, group);
            }
            catch (Exception e) when (e is PostgresException || connection?.FullState.HasFlag(ConnectionState.Broken) != false)
            {
                // Nothing was written: every unit runs again on its own.
                foreach (var unit in group) unit.Read.TrySetResult(null);
                return;
            }
            catch (Exception e)
            {
                foreach (var unit in group) unit.Read.TrySetException(e);
                return;
            }
            foreach (var unit in group)
            {
                unit.Joined = true;
                unit.Read.SetResult(unit.Value);
            }
            await CommitAsync(connection, transaction, group);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private static async Task ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Unit> group)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var unit in group)
            foreach (var statement in unit.Reads) batch.BatchCommands.Add(statement);
        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < group.Count; i++)
        {
            if (i > 0) await reader.NextResultAsync();
            group[i].Value = await group[i].ReadResults(reader);
        }
    }

    /// <summary>Waits for every member's writes (or its leaving), then writes them all and commits.</summary>
    private static async Task CommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Unit> group)
    {
        var writes = await Task.WhenAll(group.Select(u => u.Writes.Task));
        var writing = group.Where((_, i) => writes[i] is not null).ToList();
        // Nothing to write: disposing the transaction rolls it back and releases the locks.
        if (writing.Count == 0) return;
        bool committed;
        try
        {
            await BatchWrites.WriteAndCommitAsync(connection, transaction, [.. writes.OfType<BatchWrites.Planned>()]);
            committed = true;
        }
        catch (PostgresException)
        {
            // The server refused a statement or the COMMIT: the whole transaction was rolled back.
            committed = false;
        }
        catch (Exception e)
        {
            foreach (var unit in writing) unit.Committed.SetException(e);
            return;
        }
        foreach (var unit in writing) unit.Committed.SetResult(committed);
    }

    /// <summary>A unit of work in a shared transaction, after its reads.</summary>
    public sealed class Member<T> : IAsyncDisposable
    {
        private readonly Unit _unit;

        internal Member(Unit unit, T value)
        {
            _unit = unit;
            Value = value;
        }

        /// <summary>What the unit's reads returned.</summary>
        public T Value { get; }

        /// <summary>
        /// Hands the unit's writes to the group and waits for its COMMIT: true once committed, false when the shared
        /// transaction failed and wrote nothing (the caller runs again on its own).
        /// </summary>
        public Task<bool> CommitAsync(BatchWrites.Planned writes)
        {
            if (!_unit.Writes.TrySetResult(writes)) throw new InvalidOperationException("This unit already committed or left.");
            return _unit.Committed.Task;
        }

        /// <summary>Leaves the group without writing, unless the unit has committed.</summary>
        public ValueTask DisposeAsync()
        {
            _unit.Writes.TrySetResult(null);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A queued unit of work and what its caller waits for.</summary>
    public sealed class Unit(long lockKey, string? uniqueKey, NpgsqlBatchCommand[] reads,
        Func<NpgsqlDataReader, Task<object?>> readResults)
    {
        internal long LockKey { get; } = lockKey;
        internal string? UniqueKey { get; } = uniqueKey;
        internal NpgsqlBatchCommand[] Reads { get; } = reads;
        internal Func<NpgsqlDataReader, Task<object?>> ReadResults { get; } = readResults;
        internal ExecutionContext? Context { get; } = ExecutionContext.Capture();
        internal object? Value { get; set; }
        internal bool Joined { get; set; }

        // The callers' continuations run on the thread pool, not in the lane.
        internal TaskCompletionSource<object?> Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal TaskCompletionSource<BatchWrites.Planned?> Writes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
