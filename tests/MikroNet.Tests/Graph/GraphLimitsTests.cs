using System.Text;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>
/// Inputs sized to take a host down (a stack overflow ends the process): each is refused with a coded GraphQL error,
/// and the host answers the next query normally.
/// </summary>
public sealed class GraphLimitsTests(GraphFixture app) : IClassFixture<GraphFixture>
{
    private const string Count = "query($ids: [Int!]) { clients(first: 5, where: { clientId: { in: $ids } }) { totalCount } }";

    [Fact]
    public async Task Clients_200000IdsInVariable_ListTooLongAndHostHealthy()
    {
        var answer = await app.QueryAsync(Count, new { ids = Enumerable.Range(1, 200_000).ToArray() });

        await ShouldBeRefusedAsync(answer, "LIST_TOO_LONG");
    }

    [Fact]
    public async Task Clients_200000IdsLiteral_ListTooLongAndHostHealthy()
    {
        var ids = string.Join(",", Enumerable.Range(1, 200_000));

        var answer = await app.QueryAsync($"{{ clients(where: {{ clientId: {{ in: [{ids}] }} }}) {{ totalCount }} }}");

        await ShouldBeRefusedAsync(answer, "LIST_TOO_LONG");
    }

    [Fact]
    public async Task Clients_20000OrBranchesLiteral_ListTooLongAndHostHealthy()
    {
        var branches = string.Join(",", Enumerable.Range(1, 20_000).Select(i => $"{{ clientId: {{ eq: {i} }} }}"));

        var answer = await app.QueryAsync($"{{ clients(where: {{ or: [{branches}] }}) {{ totalCount }} }}");

        await ShouldBeRefusedAsync(answer, "LIST_TOO_LONG");
    }

    [Fact]
    public async Task Clients_20000OrBranchesInVariable_ListTooLongAndHostHealthy()
    {
        var where = new { or = Enumerable.Range(1, 20_000).Select(i => new { clientId = new { eq = i } }).ToArray() };

        var answer = await app.QueryAsync("query($w: ClientFilterInput) { clients(where: $w) { totalCount } }", new { w = where });

        await ShouldBeRefusedAsync(answer, "LIST_TOO_LONG");
    }

    [Fact]
    public async Task Clients_Where10000LevelsDeepLiteral_DocumentTooDeepAndHostHealthy()
    {
        var where = new StringBuilder();
        for (var i = 0; i < 10_000; i++) where.Append("{ and: [");
        where.Append("{ clientId: { eq: 1 } }");
        for (var i = 0; i < 10_000; i++) where.Append("] }");

        var answer = await app.QueryAsync($"{{ clients(where: {where}) {{ totalCount }} }}");

        await ShouldBeRefusedAsync(answer, "DOCUMENT_TOO_DEEP");
    }

    [Fact]
    public async Task Clients_Where10000LevelsDeepInVariable_InvalidRequestAndHostHealthy()
    {
        var json = string.Concat(Enumerable.Repeat("""{"and":[""", 10_000)) + """{"clientId":{"eq":1}}""" +
                   string.Concat(Enumerable.Repeat("]}", 10_000));
        var body = """{"query":"query($w: ClientFilterInput) { clients(where: $w) { totalCount } }","variables":{"w":""" + json + "}}";

        var answer = await app.PostRawAsync(body);

        await ShouldBeRefusedAsync(answer, "INVALID_REQUEST");
    }

    [Fact]
    public async Task ListLiteral_10000LevelsDeep_DocumentTooDeepAndHostHealthy()
    {
        var list = new string('[', 10_000) + "1" + new string(']', 10_000);

        var answer = await app.QueryAsync($"{{ clients(where: {{ clientId: {{ in: {list} }} }}) {{ totalCount }} }}");

        await ShouldBeRefusedAsync(answer, "DOCUMENT_TOO_DEEP");
    }

    [Fact]
    public async Task Clients_AndNestedBeyondInputDepth_InputTooDeep()
    {
        var where = string.Concat(Enumerable.Repeat("{ and: [", 10)) + "{ clientId: { eq: 1 } }" + string.Concat(Enumerable.Repeat("] }", 10));

        var answer = await app.QueryAsync($"{{ clients(where: {where}) {{ totalCount }} }}");

        await ShouldBeRefusedAsync(answer, "INPUT_TOO_DEEP");
    }

    [Fact]
    public async Task Clients_OrBranchesBeyondFilterNodes_FilterTooLarge()
    {
        var where = new { or = Enumerable.Range(1, 600).Select(i => new { clientId = new { eq = i } }).ToArray() };

        var answer = await app.QueryAsync("query($w: ClientFilterInput) { clients(where: $w) { totalCount } }", new { w = where });

        answer.FirstErrorCode.ShouldBe("FILTER_TOO_LARGE");
    }

    [Fact]
    public async Task Clients_InWithMaxListLength_OneArrayParameterAndRightCount()
    {
        var ids = Enumerable.Range(-990, 1_000).ToArray(); // ids 1..9 exist among them

        var answer = await app.QueryAsync(Count, new { ids });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.Clients!.TotalCount.ShouldBe(9);
        answer.Statements.ShouldAllBe(s => !s.Contains("@ids_1") && !s.Contains("IN ("));
        answer.Statements.ShouldContain(s => s.Contains("= ANY ("));
    }

    [Fact]
    public async Task Clients_OrOf240Branches_BalancedTreeAnswersRightCount()
    {
        var where = new { or = Enumerable.Range(1, 240).Select(i => new { clientId = new { eq = i } }).ToArray() };

        var answer = await app.QueryAsync("query($w: ClientFilterInput) { clients(where: $w) { totalCount } }", new { w = where });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.Clients!.TotalCount.ShouldBe(GraphFixture.Clients);
    }

    [Fact]
    public async Task Clients_NulInStringFilter_InvalidText()
    {
        var answer = await app.QueryAsync("""{ clients(where: { name: { contains: "a\u0000" } }) { totalCount } }""");

        await ShouldBeRefusedAsync(answer, "INVALID_TEXT");
    }

    [Fact]
    public async Task Clients_InWithNull_InvalidFilterCode()
    {
        var answer = await app.QueryAsync("{ clients(where: { clientId: { in: [1, null] } }) { totalCount } }");

        answer.FirstErrorCode.ShouldBe("INVALID_FILTER");
    }

    [Fact]
    public async Task Query_ResolverFails_InternalServerErrorCodeOnly()
    {
        app.Sql.FailNext = true;

        var answer = await app.QueryAsync("{ plans { name } }");

        answer.FirstErrorCode.ShouldBe("INTERNAL_SERVER_ERROR");
        answer.Text.ShouldNotContain("\"codes\"");
        answer.Text.ShouldNotContain("INVALID_OPERATION");
    }

    /// <summary>A coded error and no data, then a normal answer from the same host.</summary>
    private async Task ShouldBeRefusedAsync(GraphAnswer answer, string code)
    {
        answer.Status.ShouldBe(400, answer.Text.Length > 500 ? answer.Text[..500] : answer.Text);
        answer.FirstErrorCode.ShouldBe(code);
        answer.Text.ShouldNotContain("Exception");

        var next = await app.QueryAsync("{ me { username } clients(first: 1) { totalCount } }");
        next.HasErrors.ShouldBeFalse(next.Text);
        next.Data.Clients!.TotalCount.ShouldBe(GraphFixture.Clients);
    }
}
