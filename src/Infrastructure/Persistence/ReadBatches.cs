using System.Data;
using System.Threading.Channels;
using MikroNet.Infrastructure.Telemetry;
using Npgsql;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Sends the one-statement reads that wait at the same moment (client details, GraphQL's SQL answers) to PostgreSQL
/// in one round trip. Each lane takes every read waiting (up to <see cref="MostPerBatch"/>), sends them as one batch on
/// one pooled connection and hands each caller its own value. Every statement still runs on its own, with a snapshot
/// taken after its caller asked; what the reads share is the checkout, the socket's write and read and the backend's
/// wake-up, which were most of a small read's cost (docs/performance.md, "Reads sent together").
/// </summary>
public sealed class ReadBatches : Lanes<ReadBatches.Read>
{
    /// <summary>Half the bench's 32 connections: a loaded host's queue in one or two goes; more only delays the first reader.</summary>
    public const int MostPerBatch = 16;

    private readonly NpgsqlDataSource _database;
    private readonly MikroNetMetrics? _metrics;

    /// <param name="lanes">
    /// Batches in flight at once. One per CPU measured as well as two per CPU on two cores; each lane holds a pooled
    /// connection only while its batch runs.
    /// </param>
    /// <param name="metrics">Where each batch's size is recorded (`mikronet_db_read_batch_size`).</param>
    public ReadBatches(NpgsqlDataSource database, int lanes, MikroNetMetrics? metrics = null) : base(lanes)
    {
        _database = database;
        _metrics = metrics;
    }

    /// <summary>
    /// The first column of the statement's first row as bytes, or null when it returns no row or NULL. A caller that
    /// gives up (<paramref name="ct"/>) stops waiting; its statement may still run with the others.
    /// </summary>
    public Task<byte[]?> ScalarAsync(string statement, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        var read = new Read(statement, parameters);
        Enqueue(read);
        return read.Answer.Task.WaitAsync(ct);
    }

    protected override async Task RunLaneAsync(ChannelReader<Read> waiting)
    {
        var batch = new List<Read>(MostPerBatch);
        while (await waiting.WaitToReadAsync())
        {
            while (batch.Count < MostPerBatch && waiting.TryRead(out var read)) batch.Add(read);
            if (batch.Count == 0) continue;
            _metrics?.ReadBatchSent(batch.Count);
            await Contexts.RunIn(batch[0].Context, () => RunBatchAsync(batch));
            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<Read> batch)
    {
        await using var command = new NpgsqlBatch();
        foreach (var read in batch)
        {
            var statement = new NpgsqlBatchCommand(read.Statement);
            statement.Parameters.AddRange(read.Parameters);
            command.BatchCommands.Add(statement);
        }
        // The answers are handed out once the connection is back in the pool and the batch's span has ended, so a
        // caller's next query finds a free connection and its trace is complete when its answer is written.
        var values = new byte[]?[batch.Count];
        var done = 0;
        Exception? failure = null;
        var broke = false;
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _database.OpenConnectionAsync();
            command.Connection = connection;
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                values[done] = await reader.ReadAsync() && !await reader.IsDBNullAsync(0) ? reader.GetFieldValue<byte[]>(0) : null;
                done++;
            }
            while (done < batch.Count && await reader.NextResultAsync());
        }
        catch (Exception e)
        {
            failure = e;
            broke = connection?.FullState.HasFlag(ConnectionState.Broken) == true;
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
        for (var i = 0; i < done; i++) batch[i].Answer.SetResult(values[i]);
        if (broke || failure is PostgresException && batch.Count - done > 1)
        {
            // PostgreSQL skips the rest of a batch after a failing statement: the ones left run alone, so only the
            // failing statement's caller gets its error. A pooled connection the server had closed (a restart, a
            // reaper of idle connections) is not the reads' fault either: they run again, alone, on another one.
            // A parameter belongs to one command at a time.
            foreach (var statement in command.BatchCommands) statement.Parameters.Clear();
            for (var i = done; i < batch.Count; i++) await RunAloneAsync(batch[i]);
        }
        else if (failure is not null)
        {
            for (var i = done; i < batch.Count; i++) batch[i].Answer.SetException(failure);
        }
    }

    private async Task RunAloneAsync(Read read)
    {
        byte[]? value;
        try
        {
            await using var connection = await _database.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(read.Statement, connection);
            command.Parameters.AddRange(read.Parameters);
            value = await command.ExecuteScalarAsync() as byte[];
        }
        catch (Exception e)
        {
            read.Answer.SetException(e);
            return;
        }
        read.Answer.SetResult(value);
    }

    /// <summary>A queued read and its caller's answer.</summary>
    public sealed class Read(string statement, NpgsqlParameter[] parameters)
    {
        internal string Statement { get; } = statement;
        internal NpgsqlParameter[] Parameters { get; } = parameters;
        internal ExecutionContext? Context { get; } = ExecutionContext.Capture();

        // The callers' continuations (writing their answers) run on the thread pool, not in the lane's loop.
        internal TaskCompletionSource<byte[]?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
