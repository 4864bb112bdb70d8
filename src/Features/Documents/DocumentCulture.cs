using System.Globalization;
using NodaTime;

namespace MikroNet.Features.Documents;

/// <summary>
/// Money and dates the way the provider's customers write them. The host runs with InvariantGlobalization (no ICU
/// on the machine is needed), so .NET has no id-ID culture data; the few conventions a document needs are spelled
/// out here instead, and a PDF reads the same on every machine.
/// </summary>
public sealed class DocumentCulture
{
    public static readonly IReadOnlyDictionary<string, DocumentCulture> Supported = new Dictionary<string, DocumentCulture>
    {
        ["id-ID"] = new(".", ",", ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember"], dayFirst: true),
        ["en-US"] = new(",", ".", ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"], dayFirst: false),
    };

    private readonly NumberFormatInfo _numbers;
    private readonly string[] _months;
    private readonly bool _dayFirst;

    private DocumentCulture(string group, string decimals, string[] months, bool dayFirst)
    {
        _numbers = new NumberFormatInfo { NumberGroupSeparator = group, NumberDecimalSeparator = decimals, NegativeSign = "-" };
        _months = months;
        _dayFirst = dayFirst;
    }

    /// <summary>
    /// "Rp 150.000" for IDR in id-ID (rupiah are written without cents unless there are some: "Rp 1.200.000,50");
    /// other currencies by their ISO code ("USD 12.50").
    /// </summary>
    public string Money(decimal amount, string currency)
    {
        var symbol = currency == "IDR" ? "Rp" : currency;
        var format = amount == decimal.Truncate(amount) && currency == "IDR" ? "#,##0" : "#,##0.00";
        return (amount < 0 ? "-" : "") + symbol + " " + Math.Abs(amount).ToString(format, _numbers);
    }

    /// <summary>"25 November 2026" (id-ID) or "November 25, 2026" (en-US).</summary>
    public string Date(LocalDate date) => _dayFirst
        ? $"{date.Day} {_months[date.Month - 1]} {date.Year}"
        : $"{_months[date.Month - 1]} {date.Day}, {date.Year}";
}
