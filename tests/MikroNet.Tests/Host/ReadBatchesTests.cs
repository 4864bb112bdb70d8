using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Tests.Fixtures;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// Reads waiting at the same moment go to PostgreSQL in one batch (details, GraphQL's SQL answers). One lane here, held
/// busy by a slow read, so that the reads behind it wait together. Statements of one batch share PostgreSQL's implicit
/// transaction, so their `now()` is the same: that is how these tests see which reads went together.
/// </summary>
public sealed class ReadBatchesTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private const string Stamped = "SELECT convert_to(now()::text || '|' || $1, 'UTF8')";
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(PostgresConnection.Tune(app.ConnectionString));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Reads_WaitingTogether_OneBatchAndEachItsOwnValue()
    {
        await using var batches = new ReadBatches(_database, lanes: 1);
        var busy = await HoldTheLaneAsync(batches);

        var answers = await Task.WhenAll(Enumerable.Range(0, ReadBatches.MostPerBatch).Select(i => StampedAsync(batches, i)));
        await busy;

        for (var i = 0; i < answers.Length; i++) answers[i].Value.ShouldBe(i);
        answers.Select(a => a.Now).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Reads_MoreThanABatch_SplitAtTheLimit()
    {
        await using var batches = new ReadBatches(_database, lanes: 1);
        var busy = await HoldTheLaneAsync(batches);

        var answers = await Task.WhenAll(Enumerable.Range(0, ReadBatches.MostPerBatch + 1).Select(i => StampedAsync(batches, i)));
        await busy;

        answers.GroupBy(a => a.Now).Select(g => g.Count()).Order().ShouldBe([1, ReadBatches.MostPerBatch]);
    }

    [Fact]
    public async Task Reads_OneFailsInABatch_OnlyItsCallerGetsTheError()
    {
        await using var batches = new ReadBatches(_database, lanes: 1);
        var busy = await HoldTheLaneAsync(batches);
        int[] divisors = [5, 2, 0, 1, 10];

        var reads = divisors.Select(d => batches.ScalarAsync("SELECT convert_to((10 / $1)::text, 'UTF8')",
            [new NpgsqlParameter<int> { TypedValue = d }], CancellationToken.None)).ToArray();
        await busy;

        (await Should.ThrowAsync<PostgresException>(reads[2])).SqlState.ShouldBe(PostgresErrorCodes.DivisionByZero);
        foreach (var i in new[] { 0, 1, 3, 4 })
            Encoding.UTF8.GetString((await reads[i])!).ShouldBe((10 / divisors[i]).ToString());
    }

    /// <summary>A restart or a reaper of idle connections closes a pooled connection under the host.</summary>
    [Fact]
    public async Task Read_ItsPooledConnectionClosedByTheServer_RunsAgainOnAnother()
    {
        var name = "read-batches-" + Guid.NewGuid().ToString("N")[..8];
        await using var database = NpgsqlDataSource.Create(PostgresConnection.Tune(app.ConnectionString) + ";Application Name=" + name);
        await using var batches = new ReadBatches(database, lanes: 1);
        (await StampedAsync(batches, 1)).Value.ShouldBe(1);

        await using (var admin = _database.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1"))
        {
            admin.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            (await admin.ExecuteScalarAsync()).ShouldBe(1L);
        }

        (await StampedAsync(batches, 2)).Value.ShouldBe(2);
    }

    [Fact]
    public async Task Read_NoRowOrNull_AnswersNull()
    {
        await using var batches = new ReadBatches(_database, lanes: 1);

        (await batches.ScalarAsync("SELECT NULL::bytea", [], CancellationToken.None)).ShouldBeNull();
        (await batches.ScalarAsync("SELECT 'x'::bytea WHERE false", [], CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Reads_DatabaseUnreachable_EachCallerGetsTheError()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2");
        await using var batches = new ReadBatches(unreachable, lanes: 1);

        var reads = Enumerable.Range(0, 3).Select(i => StampedAsync(batches, i)).ToArray();

        foreach (var read in reads) await Should.ThrowAsync<NpgsqlException>(read);
    }

    [Fact]
    public async Task Read_CallerGivesUp_StopsWaitingAndTheLaneGoesOn()
    {
        await using var batches = new ReadBatches(_database, lanes: 1);
        var busy = await HoldTheLaneAsync(batches);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Should.ThrowAsync<OperationCanceledException>(
            batches.ScalarAsync(Stamped, [new NpgsqlParameter<int> { TypedValue = 1 }], giveUp.Token));

        await busy;
        (await StampedAsync(batches, 7)).Value.ShouldBe(7);
    }

    [Fact]
    public async Task Dispose_ReadsWaiting_AnswersThemThenRefusesMore()
    {
        var batches = new ReadBatches(_database, lanes: 1);
        var busy = await HoldTheLaneAsync(batches);
        var waiting = Enumerable.Range(0, 3).Select(i => StampedAsync(batches, i)).ToArray();

        await batches.DisposeAsync();

        await busy;
        (await Task.WhenAll(waiting)).Select(a => a.Value).ShouldBe([0, 1, 2]);
        Should.Throw<ObjectDisposedException>(() => batches.ScalarAsync(Stamped, [], CancellationToken.None));
    }

    [Fact]
    public async Task Dispose_Synchronously_AnswersWhatWaitsThenRefusesMore()
    {
        var batches = new ReadBatches(_database, lanes: 1);
        var busy = await HoldTheLaneAsync(batches);
        var waiting = StampedAsync(batches, 3);

        batches.Dispose();

        await busy;
        (await waiting).Value.ShouldBe(3);
        Should.Throw<ObjectDisposedException>(() => batches.ScalarAsync(Stamped, [], CancellationToken.None));
    }

    /// <summary>
    /// The lanes keep nothing of the request that built them; a batch's database span belongs to its reader's trace.
    /// </summary>
    [Fact]
    public async Task Read_InATrace_ItsBatchIsASpanOfThatTrace()
    {
        using var source = new ActivitySource("ReadBatchesTests");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "ReadBatchesTests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        ReadBatches batches;
        using (source.StartActivity("builds the lanes"))
            batches = new ReadBatches(_database, lanes: 1);
        await using (batches)
        {
            using var reader = source.StartActivity("reads")!;
            await StampedAsync(batches, 1);

            spans.ShouldContain(s => s.Source.Name == "Npgsql" && s.Parent == reader);
            spans.ShouldNotContain(s => s.Source.Name == "Npgsql" && s.Parent != null && s.Parent.OperationName == "builds the lanes");
        }
    }

    /// <summary>A read that keeps the lane busy (it is running in PostgreSQL) while the test queues the others.</summary>
    private async Task<Task<byte[]?>> HoldTheLaneAsync(ReadBatches batches)
    {
        var busy = batches.ScalarAsync("SELECT convert_to(pg_sleep(0.5)::text, 'UTF8')", [], CancellationToken.None);
        await using var look = _database.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep(0.5)%' AND pid <> pg_backend_pid()");
        while ((long)(await look.ExecuteScalarAsync())! == 0) await Task.Delay(10);
        return busy;
    }

    private static async Task<(string Now, int Value)> StampedAsync(ReadBatches batches, int value)
    {
        var text = Encoding.UTF8.GetString((await batches.ScalarAsync(Stamped,
            [new NpgsqlParameter<int> { TypedValue = value }], CancellationToken.None))!);
        var bar = text.LastIndexOf('|');
        return (text[..bar], int.Parse(text[(bar + 1)..]));
    }
}
