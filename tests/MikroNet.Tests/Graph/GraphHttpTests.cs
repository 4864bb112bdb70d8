using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
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
        var response = await SendAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ plans { name } }" }), token: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        (await response.Content.ReadAsStringAsync()).ShouldContain("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Post_WithRevokedToken_Returns401()
    {
        var token = await app.LoginAsync(GraphFixtureUsers.Admin, GraphFixtureUsers.Password);
        (await app.PostAsync("/auth/logout", new { }, token)).EnsureSuccessStatusCode();

        var response = await SendAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ plans { name } }" }), token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_Query_ReturnsDataInGraphQLResponseJson()
    {
        var response = await SendAsync(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("query Q($id: Int!) { client(clientId: $id) { name } } query Other { plans { name } }")
            + "&operationName=Q&variables=" + Uri.EscapeDataString("""{"id":3}"""),
            content: null, accept: "application/graphql-response+json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var body = await Body(response);
        body.GetProperty("data").GetProperty("client").GetProperty("name").GetString().ShouldBe("Jane Doe 00003");
    }

    [Fact]
    public async Task Get_Mutation_Returns405()
    {
        var response = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { __typename }"), null);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("POST");
    }

    [Fact]
    public async Task Put_Returns405()
    {
        var response = await SendAsync(HttpMethod.Put, "/graphql", Json(new { query = "{ plans { name } }" }));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Post_AcceptApplicationJson_AnswersApplicationJson()
    {
        var response = await SendAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ __typename }" }), accept: "application/json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await Body(response)).GetProperty("data").GetProperty("__typename").GetString().ShouldBe("Query");
    }

    [Fact]
    public async Task Post_AcceptsNothingUsable_Returns406()
    {
        var response = await SendAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ __typename }" }), accept: "text/xml");

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task Post_SyntaxError_ReturnsGraphQLErrorWithoutData(string accept, HttpStatusCode status)
    {
        var response = await SendAsync(HttpMethod.Post, "/graphql", Json(new { query = "{ clients(first: ) {" }), accept: accept);

        response.StatusCode.ShouldBe(status);
        var body = await Body(response);
        body.TryGetProperty("data", out _).ShouldBeFalse();
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("SYNTAX_ERROR");
    }

    [Theory]
    [InlineData("{ \"query\": ")]
    [InlineData("[]")]
    [InlineData("{ \"query\": 42 }")]
    [InlineData("{ \"query\": \"{ plans { name } }\", \"variables\": \"nope\" }")]
    public async Task Post_MalformedBody_Returns400WithGraphQLError(string body)
    {
        var response = await SendAsync(HttpMethod.Post, "/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(response)).GetProperty("errors")[0].GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Post_TextPlainBody_Returns415()
    {
        var response = await SendAsync(HttpMethod.Post, "/graphql", new StringContent("{ plans { name } }", Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
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
    public async Task Query_TooComplex_IsRefusedBeforeExecution()
    {
        var answer = await app.QueryAsync("{ clients(first: 20) { nodes { name subscriptions { invoices { number payments { amount } } } } } }");

        answer.Status.ShouldBe(400);
        answer.FirstError.ShouldContain("complex", Case.Insensitive);
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Query_FullIntrospection_PassesTheLimits()
    {
        var answer = await app.QueryAsync(IntrospectionQuery);

        answer.Status.ShouldBe(200, answer.Text);
        answer.Data.GetProperty("__schema").GetProperty("types").GetArrayLength().ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Query_PageLargerThanMax_ReturnsError()
    {
        var answer = await app.QueryAsync("{ clients(first: 21) { nodes { name } } }");

        answer.Status.ShouldBe(200);
        answer.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("PAGE_TOO_LARGE");
    }

    [Fact]
    public async Task Query_InvalidCursor_ReturnsError()
    {
        var answer = await app.QueryAsync("""{ clients(first: 5, after: "not-a-cursor") { nodes { name } } }""");

        answer.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("INVALID_CURSOR");
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
        var redirect = await SendAsync(HttpMethod.Get, "/graphql", null, token: null, accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().ShouldBe("/graphql/");

        var index = await SendAsync(HttpMethod.Get, "/graphql/", null, token: null, accept: "text/html");
        index.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await index.Content.ReadAsStringAsync()).ShouldContain("<title>Banana Cake Pop</title>");

        var config = await SendAsync(HttpMethod.Get, "/graphql/bcp-config.json", null, token: null);
        (await Body(config)).GetProperty("useBrowserUrlAsEndpoint").GetBoolean().ShouldBeTrue();

        var worker = await SendAsync(HttpMethod.Get, "/graphql/service-worker.js", null, token: null);
        worker.StatusCode.ShouldBe(HttpStatusCode.NotFound);
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

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content, string? token = "admin",
        string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "admin" ? await app.AdminTokenAsync() : token);
        request.Headers.Accept.ParseAdd(accept);
        return await app.Host.Server.CreateClient().SendAsync(request);
    }
}

internal static class GraphFixtureUsers
{
    public const string Admin = Fixtures.AppFixture.AdminUser;
    public const string Password = Fixtures.AppFixture.AdminPassword;
}
