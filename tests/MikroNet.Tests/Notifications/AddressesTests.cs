using MikroNet.Features.Notifications.Delivery;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Notifications;

public sealed class AddressesTests
{
    [Theory]
    [InlineData("081234567890", "+6281234567890")]
    [InlineData("+62 812-3456-7890", "+6281234567890")]
    [InlineData("6281234567890", "+6281234567890")]
    [InlineData("+60 12-345 6789", "+60123456789")]
    public void Phone_ValidNumber_IsE164(string raw, string e164)
    {
        Addresses.Phone(raw, "ID").ShouldBe((e164, null));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("+62 000")]
    [InlineData("not a phone")]
    [InlineData("")]
    public void Phone_Unusable_SaysWhy(string raw)
    {
        var (address, problem) = Addresses.Phone(raw, "ID");

        address.ShouldBeNull();
        problem.ShouldStartWith($"Phone number {raw} ");
    }

    [Theory]
    [InlineData("budi@example.test")]
    [InlineData("Budi <budi@example.test>")]
    public void Email_OneMailbox_IsItsAddress(string raw)
    {
        Addresses.Email(raw).ShouldBe(("budi@example.test", null));
    }

    [Theory]
    [InlineData("budi")]
    [InlineData("budi@")]
    [InlineData("@example.test")]
    [InlineData("budi@@example.test")]
    [InlineData("a@example.test, b@example.test")]
    public void Email_NotOneMailbox_SaysWhy(string raw)
    {
        Addresses.Email(raw).ShouldBe((null, $"E-mail address {raw} is not a valid mailbox."));
    }

    [Fact]
    public void RateLimit_SixtyAMinute_SpacesMessagesASecondApart()
    {
        var limits = new ProviderRateLimits();
        var now = Instant.FromUtc(2026, 11, 25, 3, 0);

        limits.Take("wa", 60, now).ShouldBeNull();
        limits.Take("wa", 60, now).ShouldBe(now + Duration.FromSeconds(1));
        limits.Take("sms", 60, now).ShouldBeNull();
        limits.Take("wa", 60, now + Duration.FromSeconds(1)).ShouldBeNull();
    }
}
