using System.Text.Json;
using MikroNet.Features.Graph.Loading;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

public sealed class GraphQueryTests(GraphFixture app) : IClassFixture<GraphFixture>
{
    private const string Tree = """
        query Tree($first: Int) {
          clients(first: $first, order: [{ clientId: ASC }]) {
            totalCount
            nodes {
              clientId name status outstandingBalance
              provisioning { state lastError }
              router { name } plan { name }
              subscriptions {
                subscriptionId startDate endDate status plan { name }
                invoices { invoiceId number invoiceDate dueDate totalAmount amountPaid balance invoiceStatus
                  payments { paymentId amount paymentDate paymentMethod paymentStatus reference } }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Client_NestedSelection_ReturnsSubscriptionsInvoicesAndPayments()
    {
        var answer = await app.QueryAsync("""
            { client(clientId: 7) { clientId name status isolatedAt outstandingBalance provisioning { state }
                router { name } plan { name pppProfile }
                subscriptions { startDate endDate invoices { number invoiceDate dueDate totalAmount balance invoiceStatus
                  payments { amount paymentDate paymentMethod paymentStatus } } } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var client = answer.Data.Client!;
        client.Status.ShouldBe("ISOLATED");
        client.IsolatedAt.ShouldBe("2026-11-01T00:00:00Z");
        client.OutstandingBalance.ShouldBe(150000m);
        client.Provisioning!.State.ShouldBe("SYNCED");
        client.Router!.Name.ShouldBe("seed-router");
        client.Plan!.PppProfile.ShouldBe("seed-20m");
        var subscriptions = client.Subscriptions!;
        subscriptions.Count.ShouldBe(GraphFixture.Periods);
        subscriptions[1].StartDate.ShouldBe("2026-02-01");
        subscriptions[1].EndDate.ShouldBe("2026-02-28");
        var invoice = subscriptions[1].Invoices![0];
        invoice.InvoiceDate.ShouldBe("2026-01-28");
        invoice.InvoiceStatus.ShouldBe("PARTIALLY_PAID");
        invoice.Balance.ShouldBe(50000m);
        var payments = invoice.Payments!;
        payments.Count.ShouldBe(GraphFixture.PaymentsPerInvoice);
        payments[0].PaymentMethod.ShouldBe("CASH");
        payments[1].PaymentMethod.ShouldBe("BANK_TRANSFER");
        payments[0].PaymentDate.ShouldBe("2026-01-29");
    }

    [Fact]
    public async Task Clients_NestedTree_SqlStatementsDoNotGrowWithRows()
    {
        var few = await app.QueryAsync(Tree, new { first = 2 });
        var many = await app.QueryAsync(Tree, new { first = GraphFixture.Clients });

        many.HasErrors.ShouldBeFalse(many.Text);
        many.Data.Clients!.Nodes!.Count.ShouldBe(GraphFixture.Clients);
        many.Statements.Count.ShouldBe(few.Statements.Count, string.Join("\n---\n", many.Statements));
        // page, count, subscriptions, invoices, payments, routers, plans (two levels), balances
        many.Statements.Count.ShouldBeLessThanOrEqualTo(9, string.Join("\n---\n", many.Statements));
    }

    [Fact]
    public async Task Clients_FirstAfter_WalksEveryPageOnce()
    {
        var ids = new List<int>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var answer = await app.QueryAsync("""
                query($after: String) { clients(first: 10, after: $after) {
                  edges { cursor node { clientId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
                """, new { after });
            var clients = answer.Data.Clients!;
            var info = clients.PageInfo!;
            info.HasPreviousPage.ShouldBe(after is not null);
            ids.AddRange(clients.Edges!.Select(e => e.Node!.ClientId!.Value));
            if (info.HasNextPage != true) break;
            after = info.EndCursor;
        }
        ids.ShouldBe(Enumerable.Range(1, GraphFixture.Clients).ToList());
    }

    [Fact]
    public async Task Clients_LastBefore_PagesBackwards()
    {
        var last = await app.QueryAsync("{ clients(last: 10) { nodes { clientId } pageInfo { hasNextPage hasPreviousPage startCursor } } }");
        var page = last.Data.Clients!;
        Ids(page).ShouldBe(Enumerable.Range(16, 10).ToList());
        page.PageInfo!.HasNextPage.ShouldBe(false);
        page.PageInfo.HasPreviousPage.ShouldBe(true);

        var before = page.PageInfo.StartCursor;
        var previous = await app.QueryAsync("query($before: String) { clients(last: 10, before: $before) { nodes { clientId } pageInfo { hasNextPage } } }",
            new { before });
        var previousPage = previous.Data.Clients!;
        Ids(previousPage).ShouldBe(Enumerable.Range(6, 10).ToList());
        previousPage.PageInfo!.HasNextPage.ShouldBe(true);
    }

    [Fact]
    public async Task Clients_WhereContainsAndStatus_FiltersInSql()
    {
        var answer = await app.QueryAsync("""
            { clients(first: 50, where: { name: { contains: "Doe" }, status: { eq: ACTIVE } }) { totalCount nodes { clientId name status } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var expected = Enumerable.Range(1, GraphFixture.Clients).Where(i => i % 3 == 0 && i % 5 != 0 && i % 7 != 0).ToList();
        Ids(answer.Data.Clients!).ShouldBe(expected);
        answer.Data.Clients!.TotalCount.ShouldBe(expected.Count);
        answer.Statements.ShouldAllBe(s => !s.Contains("user_tokens"));
        answer.Statements[0].ShouldContain("LIKE");
        answer.Statements[0].ShouldContain("CASE");
    }

    [Fact]
    public async Task Clients_WhereOrAndIn_CombinesConditions()
    {
        var answer = await app.QueryAsync("""
            { clients(first: 50, where: { or: [ { status: { eq: ISOLATED } }, { clientId: { in: [1, 2] } } ],
                                          and: [ { clientId: { lt: 20 } }, { name: { nstartsWith: "Nobody" } },
                                                { createdAt: { gt: "2020-01-01T00:00:00Z" } } ] }) { nodes { clientId } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        Ids(answer.Data.Clients!).ShouldBe([1, 2, 7, 14]);
    }

    [Fact]
    public async Task Clients_OrderByStatusThenNameDesc_SortsInSql()
    {
        var answer = await app.QueryAsync("{ clients(first: 50, order: [{ status: DESC }, { name: DESC }]) { nodes { clientId name status } } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var nodes = answer.Data.Clients!.Nodes!;
        nodes[0].Status.ShouldBe("ISOLATED");
        var active = nodes.Where(n => n.Status == "ACTIVE").Select(n => n.Name).ToList();
        active.ShouldBe(active.OrderByDescending(n => n, StringComparer.Ordinal).ToList());
        answer.Statements[0].ShouldContain("ORDER BY");
    }

    [Fact]
    public async Task Invoices_WhereStatusAndDateRange_ReturnsMatchingPage()
    {
        var answer = await app.QueryAsync("""
            { invoices(first: 50, where: { invoiceStatus: { eq: PARTIALLY_PAID },
                                           invoiceDate: { gte: "2026-02-01", lte: "2026-03-31" } },
                       order: [{ clientId: DESC }]) {
                totalCount nodes { clientId invoiceDate dueDate client { name } } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var invoices = answer.Data.Invoices!;
        invoices.TotalCount.ShouldBe(GraphFixture.Clients);
        var nodes = invoices.Nodes!;
        nodes.ShouldAllBe(n => n.InvoiceDate == "2026-02-25");
        nodes[0].ClientId.ShouldBe(GraphFixture.Clients);
        nodes[0].Client!.Name!.ShouldEndWith("00025");
    }

    [Fact]
    public async Task Invoices_WhereEnumInAndComputedBalance_SortsByBalance()
    {
        var answer = await app.QueryAsync("""
            { invoices(first: 5, where: { invoiceStatus: { in: [PARTIALLY_PAID, OVERDUE] }, balance: { gt: 0 },
                                          number: { nin: ["INV-2026-000001"] } },
                       order: [{ balance: DESC }, { invoiceId: DESC }]) {
                totalCount nodes { invoiceId number balance } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var invoices = answer.Data.Invoices!;
        invoices.TotalCount.ShouldBe(GraphFixture.Clients * GraphFixture.Periods - 1);
        invoices.Nodes!.ShouldAllBe(n => n.Balance == 50000m);
        invoices.Nodes!.Select(n => n.InvoiceId!.Value).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task PlansRoutersMe_ReturnLists()
    {
        var answer = await app.QueryAsync("{ plans { name price periodMonths } routers { name host port useTls } me { username role } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.Plans![0].Price.ShouldBe(150000m);
        answer.Data.Routers![0].Name.ShouldBe("seed-router");
        answer.Data.Me!.Role.ShouldBe("ADMIN");
    }

    private const string PlainTree = """
        clientId name phoneNumber status
        subscriptions { subscriptionId startDate endDate status
          invoices { invoiceId number invoiceDate dueDate totalAmount amountPaid invoiceStatus
            payments { paymentId amount paymentDate paymentMethod paymentStatus reference } } }
        """;

    [Fact]
    public async Task Client_PlainTree_ReadsInOneStatementAndAnswersAsPerLevelLoaders()
    {
        var tree = await app.QueryAsync($"query($id: Int!) {{ client(clientId: $id) {{ {PlainTree} }} }}", new { id = 7 });

        tree.HasErrors.ShouldBeFalse(tree.Text);
        tree.Statements.Count.ShouldBe(1, string.Join("\n---\n", tree.Statements));
        Client(tree).ShouldBe(await PerLevelAsync(PlainTree, 7));
        tree.Data.Client!.Subscriptions!.SelectMany(s => s.Invoices!).SelectMany(i => i.Payments!).Count()
            .ShouldBe(GraphFixture.Periods * GraphFixture.PaymentsPerInvoice);
    }

    [Fact]
    public async Task Client_ListWithArguments_LeavesItAndLevelsBelowToTheirLoaders()
    {
        const string selection = """
            subscriptions { startDate
              open: invoices(where: { invoiceStatus: { neq: PAID } }) { number payments { amount paymentDate } }
              invoices { number payments(order: [{ paymentDate: DESC }]) { amount paymentDate } } }
            """;

        var tree = await app.QueryAsync($"{{ client(clientId: 8) {{ {selection} }} }}");

        // the client with its subscriptions and their plain invoices; the filtered invoices; the payments of each list
        tree.Statements.Count.ShouldBe(4, string.Join("\n---\n", tree.Statements));
        Client(tree).ShouldBe(await PerLevelAsync(selection, 8));
    }

    [Fact]
    public async Task Client_TreeInFragments_ReadsInOneStatement()
    {
        var tree = await app.QueryAsync("""
            query { client(clientId: 9) { ...Periods } }
            fragment Periods on Client { subscriptions { ... on Subscription { invoices { ...Paid } } } }
            fragment Paid on Invoice { number payments { amount } }
            """);

        tree.HasErrors.ShouldBeFalse(tree.Text);
        tree.Statements.Count.ShouldBe(1, string.Join("\n---\n", tree.Statements));
        Client(tree).ShouldBe(await PerLevelAsync("subscriptions { invoices { number payments { amount } } }", 9));
    }

    [Fact]
    public async Task Client_MissingOrTwiceByAlias_AnswersNullAndOneTree()
    {
        var answer = await app.QueryAsync($$"""
            { missing: client(clientId: 999999) { {{PlainTree}} } a: client(clientId: 3) { {{PlainTree}} }
              b: client(clientId: 4) { {{PlainTree}} } }
            """);

        answer.Statements.Count.ShouldBe(1, string.Join("\n---\n", answer.Statements));
        using var json = JsonDocument.Parse(answer.Text);
        json.RootElement.TryGetProperty("errors", out _).ShouldBeFalse(answer.Text);
        var data = json.RootElement.GetProperty("data");
        data.GetProperty("missing").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("a").GetRawText().ShouldBe(await PerLevelAsync(PlainTree, 3));
        data.GetProperty("b").GetRawText().ShouldBe(await PerLevelAsync(PlainTree, 4));
    }

    [Fact]
    public async Task Client_TenTreesAtOnce_EachAnswersItsOwnClient()
    {
        var expected = new Dictionary<int, string>();
        for (var id = 1; id <= 10; id++) expected[id] = await PerLevelAsync(PlainTree, id);

        var answers = await Task.WhenAll(Enumerable.Range(1, 10).Select(id =>
            app.Api.GraphAsync($"query($id: Int!) {{ client(clientId: $id) {{ {PlainTree} }} }}", new { id })));

        for (var id = 1; id <= 10; id++)
        {
            answers[id - 1].HasErrors.ShouldBeFalse(answers[id - 1].Text);
            Client(answers[id - 1].Text).ShouldBe(expected[id]);
        }
    }

    [Fact]
    public async Task ClientTree_TwoModelsInOneProcess_EachReadsTheTree()
    {
        // A context whose EF Core model is built apart from the host's, as in a second host in the same process.
        var options = new DbContextOptionsBuilder<MikroNetDb>()
            .UseNpgsql(app.ConnectionString, o => o.UseNodaTime()).UseSnakeCaseNamingConvention()
            .EnableServiceProviderCaching(false).Options;
        await using var apart = new MikroNetDb(options);
        await using var host = app.Db();

        var fromHost = await ClientTrees.OneAsync(host, 7, ClientTrees.MaxDepth, CancellationToken.None);
        var fromApart = await ClientTrees.OneAsync(apart, 7, ClientTrees.MaxDepth, CancellationToken.None);

        apart.Model.ShouldNotBeSameAs(host.Model);
        fromApart.Single().Client.ShouldBe(fromHost.Single().Client);
        fromApart.Single().Subscriptions!.Count.ShouldBe(GraphFixture.Periods);
    }

    /// <summary>The same selection under `clients`, whose lists are read level by level (one statement each).</summary>
    private async Task<string> PerLevelAsync(string selection, int id)
    {
        var answer = await app.QueryAsync(
            $"query($id: Int!) {{ clients(first: 1, where: {{ clientId: {{ eq: $id }} }}) {{ nodes {{ {selection} }} }} }}", new { id });
        answer.Statements.Count.ShouldBeGreaterThan(1);
        using var json = JsonDocument.Parse(answer.Text);
        json.RootElement.TryGetProperty("errors", out _).ShouldBeFalse(answer.Text);
        return json.RootElement.GetProperty("data").GetProperty("clients").GetProperty("nodes")[0].GetRawText();
    }

    private static string Client(GraphAnswer answer) => Client(answer.Text);

    private static string Client(string text)
    {
        using var json = JsonDocument.Parse(text);
        json.RootElement.TryGetProperty("errors", out _).ShouldBeFalse(text);
        return json.RootElement.GetProperty("data").GetProperty("client").GetRawText();
    }

    private static List<int> Ids(GqlConnection<GqlClient> connection) => [.. connection.Nodes!.Select(n => n.ClientId!.Value)];
}
