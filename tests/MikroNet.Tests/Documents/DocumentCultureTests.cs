using System.ComponentModel.DataAnnotations;
using MikroNet.Features.Documents;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Documents;

public sealed class DocumentCultureTests
{
    [Theory]
    [InlineData("id-ID", "150000", "IDR", "Rp 150.000")]
    [InlineData("id-ID", "1200000.50", "IDR", "Rp 1.200.000,50")]
    [InlineData("id-ID", "0", "IDR", "Rp 0")]
    [InlineData("id-ID", "-2500", "IDR", "-Rp 2.500")]
    [InlineData("id-ID", "12.5", "USD", "USD 12,50")]
    [InlineData("en-US", "1200000.50", "IDR", "Rp 1,200,000.50")]
    public void Money_Culture_WrittenAsCustomersWriteIt(string culture, string amount, string currency, string expected) =>
        DocumentCulture.Supported[culture].Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency)
            .ShouldBe(expected);

    [Theory]
    [InlineData("id-ID", "25 November 2026")]
    [InlineData("en-US", "November 25, 2026")]
    public void Date_Culture_LongForm(string culture, string expected) =>
        DocumentCulture.Supported[culture].Date(new LocalDate(2026, 11, 25)).ShouldBe(expected);

    [Fact]
    public void ProviderOptions_UnknownCulture_Invalid()
    {
        var options = new ProviderOptions { Culture = "xx-YY" };

        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true).ShouldBeFalse();
        errors.ShouldContain(e => e.MemberNames.Contains(nameof(ProviderOptions.Culture)));
    }
}
