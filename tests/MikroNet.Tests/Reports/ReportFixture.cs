using System.Globalization;
using System.Text;
using System.Text.Json;
using MikroNet.Tests.Fixtures;
using Npgsql;
using Shouldly;

namespace MikroNet.Tests.Reports;

/// <summary>A host over <see cref="Clients"/> generated clients with twelve months of invoices and payments.</summary>
public class ReportFixture : AppFixture
{
    public const int Clients = 400;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ReportSeed.SeedAsync(ConnectionString, Clients);
    }

    /// <summary>GETs a CSV report as the admin; the header and rows, after checking the answer is RFC 4180 CSV.</summary>
    public async Task<List<string[]>> CsvAsync(string url)
    {
        var response = await Api.SendAsync(HttpMethod.Get, url);
        response.Status.ShouldBe(200, response.Text);
        response.MediaType.ShouldBe("text/csv");
        response.ContentHeaders.ContentType!.CharSet.ShouldBe("utf-8");
        response.ContentHeaders.ContentDisposition!.DispositionType.ShouldBe("attachment");
        return CsvText.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(response.Bytes));
    }

    /// <summary>Runs the selection inside `{ reports { … } }` as the admin; the `reports` object.</summary>
    public async Task<GqlReports> GraphAsync(string query)
    {
        var answer = await Api.GraphAsync($"{{ reports {{ {query} }} }}");
        answer.HasErrors.ShouldBeFalse(answer.Text);
        return answer.Data.Reports!;
    }

    /// <summary>Rows of an independent SQL statement, each cell as the CSV writes it.</summary>
    public async Task<List<string[]>> SqlAsync(string sql, params (string Name, object Value)[] parameters) =>
        [.. (await RawAsync(sql, parameters)).Select(r => r.Select(Cell).ToArray())];

    public async Task<List<object?[]>> RawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        return rows;
    }

    public static string Cell(object? value) => value switch
    {
        null or DBNull => "",
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    /// <summary>A GraphQL list as rows of cells in the given field order, formatted like <see cref="Cell"/>.</summary>
    public static List<string[]> Rows(JsonElement list, params string[] fields) =>
        [.. list.EnumerateArray().Select(row => fields.Select(f => row.GetProperty(f) switch
        {
            { ValueKind: JsonValueKind.Null } => "",
            { ValueKind: JsonValueKind.Number } n when f is "amount" or "billed" or "collected" or "openBalance"
                or "price" or "monthlyAmount" or "total" => n.GetDecimal().ToString("0.00", CultureInfo.InvariantCulture),
            { ValueKind: JsonValueKind.Number } n => n.GetInt64().ToString(CultureInfo.InvariantCulture),
            var v => v.GetString()!,
        }).ToArray())];
}

/// <summary>A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; anything else fails.</summary>
public static class CsvText
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("Unterminated quoted field.");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
            }
            while (i < text.Length && text[i] is not (',' or '\r'))
            {
                if (text[i] is '"' or '\n') throw new FormatException($"Stray {(text[i] == '"' ? "quote" : "LF")} at {i}.");
                field.Append(text[i++]);
            }
            row.Add(field.ToString());
            field.Clear();
            if (i >= text.Length) throw new FormatException("The last record has no CRLF.");
            if (text[i] == ',') { i++; continue; }
            if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException("CR without LF.");
            i += 2;
            rows.Add([.. row]);
            row.Clear();
        }
        return rows;
    }
}
