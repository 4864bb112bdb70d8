using MikroNet.Features.Billing;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class PeriodsTests
{
    [Fact]
    public void Start_Jan31Monthly_ClampsToMonthEndWithoutDrift()
    {
        var anchor = new LocalDate(2027, 1, 31);
        Enumerable.Range(0, 6).Select(k => Periods.Start(anchor, 1, k)).ShouldBe([
            new(2027, 1, 31), new(2027, 2, 28), new(2027, 3, 31), new(2027, 4, 30), new(2027, 5, 31), new(2027, 6, 30)]);
    }

    [Fact]
    public void Start_LeapYear_UsesFebruary29()
    {
        Periods.Start(new LocalDate(2028, 1, 31), 1, 1).ShouldBe(new LocalDate(2028, 2, 29));
        Periods.Start(new LocalDate(2028, 2, 29), 12, 1).ShouldBe(new LocalDate(2029, 2, 28));
        Periods.Start(new LocalDate(2028, 2, 29), 12, 4).ShouldBe(new LocalDate(2032, 2, 29));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(12)]
    public void End_AnyPlan_IsTheDayBeforeTheNextStart(int months)
    {
        var anchor = new LocalDate(2026, 8, 31);
        for (var k = 0; k <= 120; k++)
            Periods.End(anchor, months, k).PlusDays(1).ShouldBe(Periods.Start(anchor, months, k + 1));
    }

    [Fact]
    public void Start_QuarterlyFromNov30_CountsFromTheAnchor()
    {
        var anchor = new LocalDate(2026, 11, 30);
        Periods.Start(anchor, 3, 1).ShouldBe(new LocalDate(2027, 2, 28));
        // Not Feb 28 + 3 months (May 28): every period is counted from the anchor.
        Periods.Start(anchor, 3, 2).ShouldBe(new LocalDate(2027, 5, 30));
    }

    [Theory]
    [InlineData(2026, 1, "INV-2026-000001")]
    [InlineData(2026, 999_999, "INV-2026-999999")]
    [InlineData(2027, 1_000_000, "INV-2027-1000000")]
    public void Format_Sequence_PadsToSixDigits(int year, int sequence, string expected) =>
        InvoiceNumbers.Format(year, sequence).ShouldBe(expected);
}
