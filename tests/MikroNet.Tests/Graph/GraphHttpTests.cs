using System.Text;
using System.Text.Json;
using MikroNet.Features.Graph.Http;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

public sealed class GraphHttpTests(GraphHttpTests.Fixture app) : IClassFixture<GraphHttpTests.Fixture>
{
    /// <summary>Low limits for the limit tests.</summary>
    public sealed class Fixture : GraphFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("GraphQL:MaxPageSize", "20"),
            new("GraphQL:MaxDepth", "8"),
            new("GraphQL:MaxComplexity", "500"),
        ];
    }

    [Fact]
    public async Task Post_WithoutToken_Returns401WithGraphQLError()
    {
        var response = await app.Api.Anonymous.SendGraphAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ plans { name } }" }));

        response.Status.ShouldBe(401);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        response.Text.ShouldContain("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Post_WithRevokedToken_Returns401()
    {
        var revoked = app.Api.As(await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword));
        (await revoked.LogoutAsync()).Status.ShouldBe(200);

        var response = await revoked.SendGraphAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ plans { name } }" }));

        response.Status.ShouldBe(401);
    }

    [Fact]
    public async Task Get_Query_ReturnsDataInGraphQLResponseJson()
    {
        var response = await app.Api.SendGraphAsync(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("query Q($id: Int!) { client(clientId: $id) { name } } query Other { plans { name } }")
            + "&operationName=Q&variables=" + Uri.EscapeDataString("""{"id":3}"""), null);

        response.Status.ShouldBe(200);
        response.MediaType.ShouldBe("application/graphql-response+json");
        response.ContentHeaders.ContentType!.CharSet.ShouldBe("utf-8");
        response.Data.Client!.Name.ShouldBe("Jane Doe 00003");
    }

    [Fact]
    public async Task Get_Mutation_Returns405()
    {
        var response = await app.Api.SendGraphAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { __typename }"), null);

        response.Status.ShouldBe(405);
        response.ContentHeaders.Allow.ShouldContain("POST");
    }

    [Fact]
    public async Task Put_Returns405()
    {
        var response = await app.Api.SendGraphAsync(HttpMethod.Put, "/graphql", Json(new { query = "{ plans { name } }" }));

        response.Status.ShouldBe(405);
    }

    [Fact]
    public async Task Post_AcceptApplicationJson_AnswersApplicationJson()
    {
        var response = await app.Api.GraphAsync("{ __typename }", accept: "application/json");

        response.Status.ShouldBe(200);
        response.MediaType.ShouldBe("application/json");
        response.Data.Typename.ShouldBe("Query");
    }

    [Fact]
    public async Task Post_AcceptsNothingUsable_Returns406()
    {
        var response = await app.Api.GraphAsync("{ __typename }", accept: "text/xml");

        response.Status.ShouldBe(406);
    }

    [Theory]
    [InlineData("application/graphql-response+json", 400)]
    [InlineData("application/json", 200)]
    public async Task Post_SyntaxError_ReturnsGraphQLErrorWithoutData(string accept, int status)
    {
        var response = await app.Api.GraphAsync("{ clients(first: ) {", accept: accept);

        response.Status.ShouldBe(status);
        response.PropertyNames().ShouldNotContain("data");
        response.FirstErrorCode.ShouldBe("SYNTAX_ERROR");
    }

    [Theory]
    [InlineData("{ \"query\": ")]
    [InlineData("[]")]
    [InlineData("{ \"query\": 42 }")]
    [InlineData("{ \"query\": \"{ plans { name } }\", \"variables\": \"nope\" }")]
    public async Task Post_MalformedBody_Returns400WithGraphQLError(string body)
    {
        var response = await app.Api.SendGraphAsync(HttpMethod.Post, "/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

        response.Status.ShouldBe(400);
        response.FirstError.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Post_TextPlainBody_Returns415()
    {
        var response = await app.Api.SendGraphAsync(HttpMethod.Post, "/graphql",
            new StringContent("{ plans { name } }", Encoding.UTF8, "text/plain"));

        response.Status.ShouldBe(415);
    }

    [Fact]
    public async Task Post_UnknownFieldAndWrongVariable_Returns400()
    {
        var unknown = await app.QueryAsync("{ clients { nodes { pppPassword } } }");
        var variable = await app.QueryAsync("query($id: Int!) { client(clientId: $id) { name } }", new { id = "x" });

        unknown.Status.ShouldBe(400);
        unknown.FirstError.ShouldContain("pppPassword");
        variable.Status.ShouldBe(400);
    }

    [Fact]
    public async Task Query_TooDeep_IsRefusedBeforeExecution()
    {
        var answer = await app.QueryAsync("{ clients(first: 1) { edges { node { subscriptions { invoices { client { subscriptions { invoices { number } } } } } } } } }");

        answer.Status.ShouldBe(400);
        answer.FirstError.ShouldContain("depth", Case.Insensitive);
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task CachedDocument_TooDeepOperation_IsRefusedOnEveryRequest()
    {
        // The shallow operation puts the whole text in the cache; the depth is then kept per operation of it.
        const string query = "query Shallow { plans { name } } query Deep { clients(first: 1) { edges { node { subscriptions "
            + "{ invoices { client { subscriptions { invoices { number } } } } } } } } }";
        (await app.Api.SendGraphAsync(HttpMethod.Post, "/graphql", Json(new { query, operationName = "Shallow" }))).Status.ShouldBe(200);

        foreach (var operationName in new[] { "Deep", "Deep", "Shallow" })
        {
            var answer = await app.Api.SendGraphAsync(HttpMethod.Post, "/graphql", Json(new { query, operationName }));
            if (operationName == "Shallow") answer.Status.ShouldBe(200);
            else
            {
                answer.Status.ShouldBe(400);
                answer.FirstErrorCode.ShouldBe("MAX_DEPTH");
            }
        }
    }

    [Fact]
    public async Task Query_TooComplex_IsRefusedBeforeExecution()
    {
        var answer = await app.QueryAsync("{ clients(first: 20) { nodes { name subscriptions { invoices { number payments { amount } } } } } }");

        answer.Status.ShouldBe(400);
        answer.FirstError.ShouldContain("complex", Case.Insensitive);
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task CachedDocument_VariableFirst_ComplexityCheckedOnEveryRequest()
    {
        const string query = """
            query Heavy($n: Int) { clients(first: $n) { nodes { name subscriptions { invoices { number payments { amount } } } } } }
            """;

        (await app.QueryAsync(query, new { n = 1 })).Status.ShouldBe(200);
        app.Host.Services.GetRequiredService<DocumentCache>().Find(query)!.ComplexityIgnoresVariables.ShouldBeFalse();
        var heavy = await app.QueryAsync(query, new { n = 20 });

        heavy.Status.ShouldBe(400);
        heavy.FirstError.ShouldContain("complex", Case.Insensitive);
        heavy.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task CachedDocument_IncludeByVariable_ComplexityCheckedOnEveryRequest()
    {
        const string query = """
            query Maybe($all: Boolean!) { plans { name }
              clients(first: 20) @include(if: $all) { nodes { name subscriptions { invoices { number payments { amount } } } } } }
            """;

        (await app.QueryAsync(query, new { all = false })).Status.ShouldBe(200);
        var heavy = await app.QueryAsync(query, new { all = true });

        heavy.Status.ShouldBe(400);
        heavy.FirstError.ShouldContain("complex", Case.Insensitive);
    }

    [Fact]
    public async Task CachedDocument_VariablesOnlyInOtherArguments_SkipsTheAnalyzerAndAnswers()
    {
        const string query = "query One($id: Int!) { client(clientId: $id) { clientId subscriptions { startDate } } }";

        (await app.QueryAsync(query, new { id = 1 })).Status.ShouldBe(200);
        app.Host.Services.GetRequiredService<DocumentCache>().Find(query)!.ComplexityIgnoresVariables.ShouldBeTrue();
        var second = await app.QueryAsync(query, new { id = 2 });

        second.HasErrors.ShouldBeFalse(second.Text);
        second.Data.Client!.ClientId.ShouldBe(2);
    }

    [Fact]
    public async Task CachedDocument_AdminOnlyField_RefusedToOperatorBeforeAndAfterAnAdmin()
    {
        var operatorApi = app.Api.As(await app.Api.OperatorTokenAsync(Api.Unique("op")));
        const string query = "query AuditProbe { auditLog(first: 1) { totalCount } }";

        (await operatorApi.GraphAsync(query)).FirstErrorCode.ShouldBe("FORBIDDEN");
        Answered((await app.QueryAsync(query)).Text);
        Answered((await app.QueryAsync(query)).Text);
        var after = await operatorApi.GraphAsync(query);

        after.FirstErrorCode.ShouldBe("FORBIDDEN");
        after.Text.ShouldNotContain("totalCount\":");
    }

    [Fact]
    public async Task CachedDocument_TenAtOnceWithTwoRoles_EachRoleGetsItsOwnVerdict()
    {
        var operatorApi = app.Api.As(await app.Api.OperatorTokenAsync(Api.Unique("op")));
        await app.Api.AdminTokenAsync();
        const string query = "query AuditRace { auditLog(first: 2) { totalCount } plans { name } }";

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? app.Api : operatorApi).GraphAsync(query)));

        for (var i = 0; i < 10; i++)
        {
            if (i % 2 == 0) Answered(answers[i].Text);
            else answers[i].FirstErrorCode.ShouldBe("FORBIDDEN", answers[i].Text);
        }
        (await operatorApi.GraphAsync(query)).FirstErrorCode.ShouldBe("FORBIDDEN");
    }

    [Fact]
    public async Task CachedDocument_VariablesOverTheInputLimits_StillRefused()
    {
        const string query = "query Among($ids: [Int!], $name: String) { clients(where: { clientId: { in: $ids }, name: { contains: $name } }) { totalCount } }";

        (await app.QueryAsync(query, new { ids = new[] { 1, 2 }, name = "Client" })).Status.ShouldBe(200);
        var tooLong = await app.QueryAsync(query, new { ids = Enumerable.Range(1, 1001).ToArray(), name = "Client" });
        var control = await app.QueryAsync(query, new { ids = new[] { 1 }, name = "Cli\u0001ent" });

        tooLong.FirstErrorCode.ShouldBe("LIST_TOO_LONG");
        control.FirstErrorCode.ShouldBe("INVALID_TEXT");
        tooLong.Statements.ShouldBeEmpty();
        control.Statements.ShouldBeEmpty();
    }

    /// <summary>Data and no errors (for selections the typed test model does not know).</summary>
    private static void Answered(string text)
    {
        using var json = JsonDocument.Parse(text);
        json.RootElement.TryGetProperty("errors", out _).ShouldBeFalse(text);
        json.RootElement.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Object, text);
    }

    [Fact]
    public async Task Query_FullIntrospection_PassesTheLimits()
    {
        var answer = await app.QueryAsync(IntrospectionQuery);

        answer.Status.ShouldBe(200, answer.Text);
        answer.Data.Schema!.Types!.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Query_PageLargerThanMax_ReturnsError()
    {
        var answer = await app.QueryAsync("{ clients(first: 21) { nodes { name } } }");

        answer.Status.ShouldBe(200);
        answer.FirstErrorCode.ShouldBe("PAGE_TOO_LARGE");
    }

    [Fact]
    public async Task Query_InvalidCursor_ReturnsError()
    {
        var answer = await app.QueryAsync("""{ clients(first: 5, after: "not-a-cursor") { nodes { name } } }""");

        answer.FirstErrorCode.ShouldBe("INVALID_CURSOR");
    }

    [Fact]
    public async Task Query_DatabaseFails_ErrorHidesSqlAndStackTrace()
    {
        app.Sql.FailNext = true;
        var answer = await app.QueryAsync("{ plans { name } }");

        answer.Status.ShouldBe(200);
        answer.HasErrors.ShouldBeTrue();
        answer.Text.ShouldNotContain("SELECT");
        answer.Text.ShouldNotContain("Simulated");
        answer.Text.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task Browser_OpensIde_GetsBananaCakePopWithConfig()
    {
        var browser = app.Api.Anonymous;
        var redirect = await browser.SendAsync(HttpMethod.Get, "/graphql", accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        redirect.Status.ShouldBe(302);
        redirect.Headers.Location!.ToString().ShouldBe("/graphql/");

        var index = await browser.SendAsync(HttpMethod.Get, "/graphql/", accept: "text/html");
        index.Status.ShouldBe(200);
        index.Text.ShouldContain("<title>Banana Cake Pop</title>");

        var config = await browser.SendAsync(HttpMethod.Get, "/graphql/bcp-config.json", accept: Api.GraphResponseJson);
        JsonSerializer.Deserialize<IdeConfig>(config.Text, JsonSerializerOptions.Web)!.UseBrowserUrlAsEndpoint.ShouldBeTrue();

        var worker = await browser.SendAsync(HttpMethod.Get, "/graphql/service-worker.js", accept: Api.GraphResponseJson);
        worker.Status.ShouldBe(404);
    }

    /// <summary>The introspection query of graphql-js (getIntrospectionQuery), as IDEs send it.</summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
          types { ...FullType } directives { name description locations args { ...InputValue } } } }
        fragment FullType on __Type { kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue } interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        """;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>The part of Banana Cake Pop's configuration this test reads.</summary>
    private sealed record IdeConfig(bool UseBrowserUrlAsEndpoint);
}
