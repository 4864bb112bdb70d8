using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Reports;

/// <summary>One CSV column: its header and how a row's cell is written.</summary>
public sealed record CsvColumn<T>(string Name, Func<T, string> Value);

/// <summary>
/// RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote, CR or LF, quotes doubled.
/// Money is invariant with two decimals (150000.00) and dates ISO, so spreadsheets and scripts read them alike.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write<T>(IReadOnlyList<CsvColumn<T>> columns, IEnumerable<T> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, columns.Select(c => c.Name));
        foreach (var row in rows) AppendLine(text, columns.Select(c => c.Value(row)));
        return text.ToString();
    }

    /// <summary>Answers 200 with the CSV as a download named <paramref name="fileName"/>.</summary>
    public static Task SendAsync<T>(HttpResponse response, string fileName, IReadOnlyList<CsvColumn<T>> columns,
        IEnumerable<T> rows, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return response.WriteAsync(Write(columns, rows), Encoding.UTF8, ct);
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "";

    /// <summary>
    /// Free text typed by people (client, plan and router names): a leading = + - @ or tab would make a spreadsheet
    /// run it as a formula (CSV injection), so such a cell gets a leading apostrophe, as OWASP advises.
    /// </summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) text.Append(',');
            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0) text.Append(field);
            else text.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
        }
        text.Append("\r\n");
    }
}
