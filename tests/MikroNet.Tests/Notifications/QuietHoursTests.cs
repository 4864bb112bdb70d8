using MikroNet.Features.Notifications.Delivery;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Notifications;

public sealed class QuietHoursTests
{
    private static readonly DateTimeZone Jakarta = DateTimeZoneProviders.Tzdb["Asia/Jakarta"];

    private static Instant At(int day, int hour, int minute = 0) =>
        new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(Jakarta).ToInstant();

    [Theory]
    [InlineData(25, 21, 0, 26)]
    [InlineData(25, 23, 59, 26)]
    [InlineData(26, 0, 0, 26)]
    [InlineData(26, 7, 59, 26)]
    public void HeldUntil_InsideTheNightWindow_IsEightInTheMorning(int day, int hour, int minute, int morning)
    {
        QuietHours.Parse("21:00-08:00")!.HeldUntil(At(day, hour, minute), Jakarta).ShouldBe(At(morning, 8));
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(12, 30)]
    [InlineData(20, 59)]
    public void HeldUntil_OutsideTheWindow_IsNull(int hour, int minute)
    {
        QuietHours.Parse("21:00-08:00")!.HeldUntil(At(25, hour, minute), Jakarta).ShouldBeNull();
    }

    [Fact]
    public void HeldUntil_DaytimeWindow_EndsTheSameDay()
    {
        var lunch = QuietHours.Parse("12:00-13:00")!;

        lunch.HeldUntil(At(25, 12, 30), Jakarta).ShouldBe(At(25, 13));
        lunch.HeldUntil(At(25, 13, 0), Jakarta).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Empty_HoldsNothing(string text)
    {
        QuietHours.Parse(text)!.HeldUntil(At(25, 23), Jakarta).ShouldBeNull();
    }

    [Theory]
    [InlineData("21-08")]
    [InlineData("21:00")]
    [InlineData("25:00-08:00")]
    [InlineData("21:00-08:00-09:00")]
    public void Parse_Malformed_IsNull(string text)
    {
        QuietHours.Parse(text).ShouldBeNull();
    }
}
