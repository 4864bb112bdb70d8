using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// Units of work waiting at the same moment share one transaction (payments). One lane here, held by a first unit that
/// has read and not yet written, so that the units behind it wait together. Each unit reads its transaction's id: that
/// is how these tests see which units went together; their audit rows are the writes.
/// </summary>
public sealed class SharedTransactionsTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private static readonly IReadOnlyList<Type> Rows = [typeof(AuditEntry)];
    private readonly NpgsqlDataSource _database = new NpgsqlDataSourceBuilder(PostgresConnection.Tune(app.ConnectionString))
        .UseNodaTime().Build();
    private readonly string _tag = "shared-" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Units_WaitingTogether_OneTransactionAndEveryWriteCommitted()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);

        var waiting = Enumerable.Range(1, 5).Select(i => JoinAsync(shared, i)).ToArray();
        await first.DisposeAsync();
        var members = await Task.WhenAll(waiting);

        members.Select(m => m.Value).Distinct().Count().ShouldBe(1);
        members.Select(m => m.Value).ShouldNotContain(first.Value);
        (await Task.WhenAll(members.Select((m, i) => m.CommitAsync(Audit(i))))).ShouldAllBe(committed => committed);
        (await WrittenAsync()).ShouldBe([$"{members[0].Value}:0", $"{members[0].Value}:1", $"{members[0].Value}:2",
            $"{members[0].Value}:3", $"{members[0].Value}:4"]);
    }

    [Fact]
    public async Task Units_OneRow_NeverInOneGroup()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);

        var sameRow = new[] { JoinAsync(shared, 7), JoinAsync(shared, 7), JoinAsync(shared, 8) };
        await first.DisposeAsync();
        await using var a = await sameRow[0];
        await using var c = await sameRow[2];
        var late = sameRow[1].IsCompleted;
        var committed = a.CommitAsync(Audit(1));
        await c.DisposeAsync();
        (await committed).ShouldBeTrue();
        await using var b = await sameRow[1];

        late.ShouldBeFalse();
        a.Value.ShouldBe(c.Value);
        b.Value.ShouldNotBe(a.Value);
    }

    [Fact]
    public async Task Units_OneKey_NeverInOneGroup()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);

        var sameKey = new[] { JoinAsync(shared, 1, "key"), JoinAsync(shared, 2, "key") };
        await first.DisposeAsync();
        var a = await sameKey[0];
        await Task.Delay(100);
        var late = sameKey[1].IsCompleted;
        await a.DisposeAsync();
        await using var b = await sameKey[1];

        late.ShouldBeFalse();
        b.Value.ShouldNotBe(a.Value);
    }

    [Fact]
    public async Task Commit_OneWriteFails_NothingWrittenAndEveryUnitTold()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);
        var waiting = new[] { JoinAsync(shared, 1), JoinAsync(shared, 2), JoinAsync(shared, 3) };
        await first.DisposeAsync();
        var members = await Task.WhenAll(waiting);

        var commits = new[]
        {
            members[0].CommitAsync(Audit(0)),
            members[1].CommitAsync(Audit(1, data: "not json")),
            members[2].CommitAsync(Audit(2)),
        };

        (await Task.WhenAll(commits)).ShouldAllBe(committed => !committed);
        (await WrittenAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_SomeLeave_TheOthersCommitted()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);
        var waiting = new[] { JoinAsync(shared, 1), JoinAsync(shared, 2), JoinAsync(shared, 3) };
        await first.DisposeAsync();
        var members = await Task.WhenAll(waiting);

        await members[1].DisposeAsync();
        var commits = new[] { members[0].CommitAsync(Audit(0)), members[2].CommitAsync(Audit(2)) };

        (await Task.WhenAll(commits)).ShouldAllBe(committed => committed);
        (await WrittenAsync()).Select(w => w[(w.IndexOf(':') + 1)..]).ShouldBe(["0", "2"]);
    }

    [Fact]
    public async Task Join_ReadsFail_EveryUnitOfTheGroupRunsAlone()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);
        var good = JoinAsync(shared, 1);
        var failing = shared.JoinAsync(2, null, [new NpgsqlBatchCommand("SELECT 1 / 0")], _ => Task.FromResult(0L));
        await first.DisposeAsync();

        (await failing).ShouldBeNull();
        (await good).ShouldBeNull();
        await using var after = await JoinAsync(shared, 3);
        after.ShouldNotBeNull();
    }

    [Fact]
    public async Task Join_DatabaseUnreachable_EveryUnitRunsAlone()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2");
        await using var shared = new SharedTransactions(unreachable, lanes: 1);

        (await shared.JoinAsync(1, null, [new NpgsqlBatchCommand("SELECT 1")], _ => Task.FromResult(0L))).ShouldBeNull();
    }

    [Fact]
    public async Task Commit_Twice_Refused()
    {
        await using var shared = new SharedTransactions(_database, lanes: 1);
        var member = await JoinAsync(shared, 1);

        (await member.CommitAsync(Audit(0))).ShouldBeTrue();

        Should.Throw<InvalidOperationException>(() => member.CommitAsync(Audit(1)));
    }

    [Fact]
    public async Task Dispose_UnitsWaiting_RunsThemThenRefusesMore()
    {
        var shared = new SharedTransactions(_database, lanes: 1);
        var first = await JoinAsync(shared, 0);
        var waiting = JoinAsync(shared, 1);

        var disposing = shared.DisposeAsync();
        await first.DisposeAsync();
        var member = await waiting;
        (await member.CommitAsync(Audit(1))).ShouldBeTrue();
        await disposing;

        await Should.ThrowAsync<ObjectDisposedException>(() => JoinAsync(shared, 2));
    }

    /// <summary>A unit whose read is its transaction's id.</summary>
    private static async Task<SharedTransactions.Member<long>> JoinAsync(SharedTransactions shared, long row,
        string? key = null) =>
        (await shared.JoinAsync(row, key, [new NpgsqlBatchCommand("SELECT txid_current()")], async reader =>
        {
            await reader.ReadAsync();
            return reader.GetInt64(0);
        }))!;

    private BatchWrites.Planned Audit(int number, string? data = null)
    {
        using var db = app.Db();
        var rows = new RowWrites();
        rows.Add(new AuditEntry
        {
            At = SystemClock.Instance.GetCurrentInstant(), Action = _tag, EntityType = "test",
            EntityId = number.ToString(), Data = data,
        });
        return db.PlanWrites(rows, Rows);
    }

    /// <summary>"transaction id:number" of this test's audit rows.</summary>
    private async Task<List<string>> WrittenAsync()
    {
        await using var command = _database.CreateCommand(
            "SELECT xmin::text || ':' || entity_id FROM audit_log WHERE action = $1 ORDER BY entity_id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _tag });
        var written = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) written.Add(reader.GetString(0));
        return written;
    }
}
