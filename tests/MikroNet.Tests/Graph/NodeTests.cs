using System.Text;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>Relay global object identification: `id` on every object type, `node(id:)` and `nodes(ids:)`.</summary>
public sealed class NodeTests(GraphFixture app) : IClassFixture<GraphFixture>
{
    private static string Id(string type, object key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    [Fact]
    public async Task Nodes_IdOfEveryType_ReturnsEachObjectAndIdsRoundTrip()
    {
        var tree = await app.QueryAsync("""
            { me { id } clients(first: 1) { nodes { id router { id } plan { id }
                subscriptions { id invoices { id payments { id } } } } } }
            """);
        tree.HasErrors.ShouldBeFalse(tree.Text);
        var client = tree.Data.Clients!.Nodes![0];
        var subscription = client.Subscriptions![0];
        var invoice = subscription.Invoices![0];
        var expected = new Dictionary<string, string>
        {
            [client.Id!] = "Client", [client.Router!.Id!] = "Router", [client.Plan!.Id!] = "Plan", [subscription.Id!] = "Subscription",
            [invoice.Id!] = "Invoice", [invoice.Payments![0].Id!] = "Payment", [tree.Data.Me!.Id!] = "User",
        };
        expected.Keys.ShouldContain(Id("Client", client.Id is null ? 0 : 1));

        var answer = await app.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", new { ids = expected.Keys.ToArray() });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var nodes = Data(answer).GetProperty("nodes").EnumerateArray().ToList();
        nodes.Select(n => n.GetProperty("id").GetString()).ShouldBe(expected.Keys);
        nodes.Select(n => n.GetProperty("__typename").GetString()).ShouldBe(expected.Values);
        // one statement per type, none for the rest
        answer.Statements.Count.ShouldBe(expected.Count, string.Join("\n---\n", answer.Statements));
    }

    [Fact]
    public async Task Node_ClientId_ReturnsClientFieldsThroughFragment()
    {
        var answer = await app.QueryAsync("query($id: ID!) { node(id: $id) { id ... on Client { clientId name } } }",
            new { id = Id("Client", 3) });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var node = Data(answer).GetProperty("node");
        node.GetProperty("clientId").GetInt32().ShouldBe(3);
        node.GetProperty("id").GetString().ShouldBe(Id("Client", 3));
    }

    [Fact]
    public async Task Nodes_ManyIdsOfOneType_OneStatement()
    {
        var ids = Enumerable.Range(1, GraphFixture.Clients).Select(i => Id("Invoice", i)).ToArray();

        var answer = await app.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Statements.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Node_MissingObject_Null()
    {
        var answer = await app.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Id("Payment", 999_999) });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        Data(answer).GetProperty("node").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("Q2xpZW50")] // "Client": no key
    [InlineData("Q2xpZW50OmFiYw==")] // "Client:abc"
    [InlineData("Q2xpZW50Oi0x")] // "Client:-1"
    [InlineData("Um91dGVyQ29tbWFuZDox")] // "RouterCommand:1": no such node type
    [InlineData("Q2xpZW50Ojk5OTk5OTk5OTk5OTk5")] // "Client:99999999999999": beyond the key's range
    [InlineData("")]
    public async Task Node_MalformedId_InvalidIdErrorNot500(string id)
    {
        var answer = await app.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        answer.Status.ShouldBe(200, answer.Text);
        answer.FirstErrorCode.ShouldBe("INVALID_ID", answer.Text);
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Nodes_OneMalformedAmongValid_InvalidIdAndNothingRead()
    {
        var answer = await app.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { Id("Client", 1), "%%%" } });

        answer.FirstErrorCode.ShouldBe("INVALID_ID");
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ids_SameKeyOfTwoTypes_Differ()
    {
        var answer = await app.QueryAsync("{ client(clientId: 1) { id subscriptions { id } } plans { id } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.Client!.Id.ShouldBe(Id("Client", 1));
        answer.Data.Plans![0].Id.ShouldNotBe(answer.Data.Client.Id);
    }

    [Fact]
    public async Task Node_OtherUsersIdAsOperator_NullButOwnIdAnswered()
    {
        var adminId = (await app.QueryAsync("{ me { id } }")).Data.Me!.Id;
        var operatorApi = app.Api.As(await app.Api.OperatorTokenAsync(Driver.Api.Unique("op")));
        var ownId = (await operatorApi.GraphAsync("{ me { id } }")).Data.Me!.Id;

        var answer = await operatorApi.GraphAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { adminId, ownId } });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.Nodes![0].ValueKind.ShouldBe(JsonValueKind.Null);
        answer.Data.Nodes[1].GetProperty("id").GetString().ShouldBe(ownId);
    }

    private static JsonElement Data(GraphAnswer answer) => JsonDocument.Parse(answer.Text).RootElement.GetProperty("data");
}
