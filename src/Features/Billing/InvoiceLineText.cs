using System.Globalization;
using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// The text of a period line, "Home 10M, 2026-11-25 – 2026-12-24". Generation writes it with the SQL twin
/// period_line_description (migration InvoiceLines); InvoiceLinesTests holds the two equal.
/// </summary>
public static class InvoiceLineText
{
    public static string Period(string planName, LocalDate start, LocalDate end) =>
        string.Create(CultureInfo.InvariantCulture, $"{planName}, {start:yyyy-MM-dd} – {end:yyyy-MM-dd}");
}
