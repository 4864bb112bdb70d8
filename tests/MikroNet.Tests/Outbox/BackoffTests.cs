using MikroNet.Infrastructure.Outbox;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Outbox;

/// <summary>The retry delay of every outbox, without a database.</summary>
public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Fact]
    public void After_EachFailedAttempt_DoublesUntilTheCap()
    {
        var lowest = Enumerable.Range(1, 7).Select(attempts => Backoff.After(attempts, Base, Max, jitter: 0).TotalSeconds);

        lowest.ShouldBe([0.5, 1, 2, 4, 5, 5, 5]);
    }

    [Fact]
    public void After_JitterNearOne_NearlyTheWholeCappedDelay()
    {
        Backoff.After(1, Base, Max, jitter: 0.999).ShouldBe(Duration.FromMilliseconds(999.5));
        Backoff.After(9, Base, Max, jitter: 0.999).ShouldBe(Duration.FromMilliseconds(9_995));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void After_NoAttemptYet_WaitsAsAfterTheFirst(int attempts) =>
        Backoff.After(attempts, Base, Max, jitter: 0.5).ShouldBe(Backoff.After(1, Base, Max, jitter: 0.5));

    [Theory]
    [InlineData(31)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void After_EndlessAttempts_StaysAtTheCapWithoutOverflow(int attempts)
    {
        Backoff.After(attempts, Base, TimeSpan.FromDays(100_000), jitter: 0).ShouldBe(Duration.FromMilliseconds(Math.Pow(2, 30) * 500));
        Backoff.After(attempts, Base, Max, jitter: 0).ShouldBe(Duration.FromSeconds(5));
    }

    [Fact]
    public void After_RandomJitter_StaysInTheUpperHalfOfTheCappedDelayAndSpreads()
    {
        var delays = Enumerable.Range(0, 1_000).Select(_ => Backoff.After(4, Base, Max).TotalMilliseconds).ToList();

        delays.ShouldAllBe(d => d >= 4_000 && d < 8_000);
        delays.Distinct().Count().ShouldBeGreaterThan(900);
    }
}
