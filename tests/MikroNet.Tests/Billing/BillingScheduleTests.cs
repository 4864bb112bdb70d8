using MikroNet.Features.Billing.DailyRun;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class BillingScheduleTests
{
    private static readonly DateTimeZone Jakarta = DateTimeZoneProviders.Tzdb["Asia/Jakarta"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void RunInstant_Jakarta_IsRunAtLocal()
    {
        new BillingSchedule(Jakarta, new LocalTime(0, 5)).RunInstant(new LocalDate(2026, 12, 1))
            .ShouldBe(Instant.FromUtc(2026, 11, 30, 17, 5));
    }

    [Fact]
    public void LatestDueDate_LateEveningUtc_IsAlreadyTomorrowInJakarta()
    {
        var schedule = new BillingSchedule(Jakarta, new LocalTime(0, 5));
        // 23:30 UTC = 06:30 the next day in Jakarta, after 00:05.
        schedule.LatestDueDate(Instant.FromUtc(2026, 11, 30, 23, 30)).ShouldBe(new LocalDate(2026, 12, 1));
        // 17:04 UTC = 00:04 local: today's run is not due yet.
        schedule.LatestDueDate(Instant.FromUtc(2026, 11, 30, 17, 4)).ShouldBe(new LocalDate(2026, 11, 30));
    }

    [Fact]
    public void NextRun_BeforeAndAtRunAt_IsTodayThenTomorrow()
    {
        var schedule = new BillingSchedule(Jakarta, new LocalTime(0, 5));
        var today = schedule.RunInstant(new LocalDate(2026, 12, 1));
        schedule.NextRun(today - Duration.FromMinutes(1)).ShouldBe(today);
        schedule.NextRun(today).ShouldBe(schedule.RunInstant(new LocalDate(2026, 12, 2)));
    }

    [Fact]
    public void RunInstant_InSpringForwardGap_MovesForwardByTheGap()
    {
        // 2026-03-08 02:30 does not exist in New York: the run is at 03:30 EDT (07:30 UTC).
        new BillingSchedule(NewYork, new LocalTime(2, 30)).RunInstant(new LocalDate(2026, 3, 8))
            .ShouldBe(Instant.FromUtc(2026, 3, 8, 7, 30));
    }

    [Fact]
    public void RunInstant_InFallBackOverlap_TakesTheEarlierInstant()
    {
        // 2026-11-01 01:30 happens twice in New York: the first one is EDT (05:30 UTC).
        new BillingSchedule(NewYork, new LocalTime(1, 30)).RunInstant(new LocalDate(2026, 11, 1))
            .ShouldBe(Instant.FromUtc(2026, 11, 1, 5, 30));
    }
}
