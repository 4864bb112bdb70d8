using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Reports;

/// <summary>Bad and hostile report requests answer 400/401 problem details; CSV survives hostile names.</summary>
public sealed class ReportRequestTests(ReportFixture app) : IClassFixture<ReportFixture>
{
    [Theory]
    [InlineData("/reports/revenue.csv?from=2026-05-01&to=2026-04-30", "from")]
    [InlineData("/reports/revenue.csv?from=2000-01-01&to=2026-04-30", "from")]
    [InlineData("/reports/revenue.csv?by=week", "by")]
    [InlineData("/reports/revenue.csv?by=1", "by")]
    [InlineData("/reports/revenue.csv?from=2026-02-30", "from")]
    [InlineData("/reports/revenue.csv?to=yesterday", "to")]
    [InlineData("/reports/billed-vs-collected.csv?from=2026-05-01&to=2026-04-30", "from")]
    [InlineData("/reports/aging.csv?as_of=2026-13-01", "as_of")]
    [InlineData("/reports/collections.csv?as_of=%00%ff", "as_of")]
    [InlineData("/reports/clients.csv?by=status%27--", "by")]
    [InlineData("/reports/revenue.csv?to=9999-12-31", "to")]
    [InlineData("/reports/billed-vs-collected.csv?from=0001-01-01&to=0001-12-31", "to")]
    [InlineData("/reports/aging.csv?as_of=1900-01-01", "as_of")]
    [InlineData("/reports/collections.csv?as_of=9999-12-31", "as_of")]
    public async Task Csv_BadQuery_400NamingTheField(string url, string field)
    {
        var response = await app.Api.SendAsync(HttpMethod.Get, url);

        response.Status.ShouldBe(400, response.Text);
        response.MediaType.ShouldBe("application/problem+json");
        response.Problem.ErrorNames.ShouldContain(field);
    }

    [Theory]
    [InlineData("billedVsCollected(from: \"9999-01-01\", to: \"9999-12-31\") { month }")]
    [InlineData("revenue(from: \"0001-01-01\", to: \"0001-12-31\") { key }")]
    [InlineData("aging(asOf: \"1900-01-01\") { bucket }")]
    [InlineData("collections(asOf: \"9999-12-31\") { clientId }")]
    public async Task Graph_DateOutsideACentury_InvalidRangeError(string field)
    {
        var answer = await app.Api.GraphAsync($"{{ reports {{ {field} }} }}");

        answer.FirstErrorCode.ShouldBe("INVALID_RANGE");
    }

    [Fact]
    public async Task Graph_FromAfterTo_InvalidRangeError()
    {
        var answer = await app.Api.GraphAsync("{ reports { revenue(from: \"2026-05-01\", to: \"2026-04-30\") { key } } }");

        answer.FirstErrorCode.ShouldBe("INVALID_RANGE");
    }

    [Fact]
    public async Task Csv_NoToken_401()
    {
        (await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/reports/mrr.csv")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Csv_Operator_200()
    {
        var token = await app.Api.OperatorTokenAsync("report-reader");

        (await app.Api.As(token).SendAsync(HttpMethod.Get, "/reports/aging.csv")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Revenue_NoDates_LastTwelveMonthsToToday()
    {
        var csv = await app.CsvAsync("/reports/revenue.csv");

        csv.Skip(1).Select(r => r[0]).ShouldBe(Enumerable.Range(0, 12).Select(i => new DateOnly(2025, 12, 1).AddMonths(i).ToString("yyyy-MM")));
    }

    [Fact]
    public async Task Collections_HostileNames_RoundTripAndFormulaGuarded()
    {
        var names = (await app.CsvAsync("/reports/collections.csv")).Skip(1).Select(r => r[1]).ToList();

        names.ShouldContain(n => n.StartsWith("Budi, \"the boss\" "));
        names.ShouldContain(n => n.StartsWith("Sari\nline two "));
        names.ShouldContain(n => n.StartsWith("'=HYPERLINK(\"x\") "));
        names.ShouldNotContain(n => n.StartsWith('='));
    }

    [Fact]
    public async Task Csv_TenAtOnce_SameAnswer()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.CsvAsync("/reports/collections.csv?as_of=2026-09-30")));

        answers.Select(a => string.Join("\n", a.Select(r => string.Join("|", r)))).Distinct().Count().ShouldBe(1);
        answers[0].Count.ShouldBeGreaterThan(10);
    }
}
