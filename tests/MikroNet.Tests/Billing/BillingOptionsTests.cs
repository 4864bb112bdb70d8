using System.ComponentModel.DataAnnotations;
using MikroNet.Features.Billing;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class BillingOptionsTests
{
    private static List<ValidationResult> Validate(BillingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        var options = new BillingOptions();
        Validate(options).ShouldBeEmpty();
        options.Zone.Id.ShouldBe("Asia/Jakarta");
        options.RunAtTime.ShouldBe(new LocalTime(0, 5));
        (options.PaymentTermDays, options.InvoiceLeadDays, options.GraceDays).ShouldBe((9, 4, 3));
    }

    [Theory]
    [InlineData("GMT+7", "00:05")]
    [InlineData("Asia/Jakarta", "25:00")]
    [InlineData("Asia/Jakarta", "noon")]
    public void Validate_BadZoneOrTime_Fails(string zone, string runAt) =>
        Validate(new BillingOptions { TimeZone = zone, RunAt = runAt }).ShouldNotBeEmpty();

    [Fact]
    public void Validate_NegativeDays_Fails() =>
        Validate(new BillingOptions { GraceDays = -1 }).ShouldNotBeEmpty();
}
