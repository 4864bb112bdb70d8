using MikroNet.Infrastructure.Persistence;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Tune_PlainString_AddsNoResetAutoPrepareNoEnlistAndAPoolSizedForTheCpus()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnection.Tune("Host=db;Database=mikronet"));

        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.MaxAutoPrepare.ShouldBe(100);
        tuned.Enlist.ShouldBeFalse();
        tuned.MaxPoolSize.ShouldBe(Math.Max(8, 4 * Environment.ProcessorCount));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=50")]
    [InlineData("Host=db;maxpoolsize=50")]
    public void Tune_OperatorSetThePoolSize_KeepsIt(string connectionString) =>
        new NpgsqlConnectionStringBuilder(PostgresConnection.Tune(connectionString)).MaxPoolSize.ShouldBe(50);
}
