using System.Text.Json;
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
        var client = answer.Data.GetProperty("client");
        client.GetProperty("status").GetString().ShouldBe("ISOLATED");
        client.GetProperty("isolatedAt").GetString().ShouldBe("2026-11-01T00:00:00Z");
        client.GetProperty("outstandingBalance").GetDecimal().ShouldBe(150000m);
        client.GetProperty("provisioning").GetProperty("state").GetString().ShouldBe("SYNCED");
        client.GetProperty("router").GetProperty("name").GetString().ShouldBe("seed-router");
        client.GetProperty("plan").GetProperty("pppProfile").GetString().ShouldBe("seed-20m");
        var subscriptions = client.GetProperty("subscriptions");
        subscriptions.GetArrayLength().ShouldBe(GraphFixture.Periods);
        subscriptions[1].GetProperty("startDate").GetString().ShouldBe("2026-02-01");
        subscriptions[1].GetProperty("endDate").GetString().ShouldBe("2026-02-28");
        var invoice = subscriptions[1].GetProperty("invoices")[0];
        invoice.GetProperty("invoiceDate").GetString().ShouldBe("2026-01-28");
        invoice.GetProperty("invoiceStatus").GetString().ShouldBe("PARTIALLY_PAID");
        invoice.GetProperty("balance").GetDecimal().ShouldBe(50000m);
        var payments = invoice.GetProperty("payments");
        payments.GetArrayLength().ShouldBe(GraphFixture.PaymentsPerInvoice);
        payments[0].GetProperty("paymentMethod").GetString().ShouldBe("CASH");
        payments[1].GetProperty("paymentMethod").GetString().ShouldBe("BANK_TRANSFER");
        payments[0].GetProperty("paymentDate").GetString().ShouldBe("2026-01-29");
    }

    [Fact]
    public async Task Clients_NestedTree_SqlStatementsDoNotGrowWithRows()
    {
        var few = await app.QueryAsync(Tree, new { first = 2 });
        var many = await app.QueryAsync(Tree, new { first = GraphFixture.Clients });

        many.HasErrors.ShouldBeFalse(many.Text);
        many.Data.GetProperty("clients").GetProperty("nodes").GetArrayLength().ShouldBe(GraphFixture.Clients);
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
            var clients = answer.Data.GetProperty("clients");
            var info = clients.GetProperty("pageInfo");
            info.GetProperty("hasPreviousPage").GetBoolean().ShouldBe(after is not null);
            ids.AddRange(clients.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("clientId").GetInt32()));
            if (!info.GetProperty("hasNextPage").GetBoolean()) break;
            after = info.GetProperty("endCursor").GetString();
        }
        ids.ShouldBe(Enumerable.Range(1, GraphFixture.Clients).ToList());
    }

    [Fact]
    public async Task Clients_LastBefore_PagesBackwards()
    {
        var last = await app.QueryAsync("{ clients(last: 10) { nodes { clientId } pageInfo { hasNextPage hasPreviousPage startCursor } } }");
        var page = last.Data.GetProperty("clients");
        Ids(page).ShouldBe(Enumerable.Range(16, 10).ToList());
        page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeFalse();
        page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean().ShouldBeTrue();

        var before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        var previous = await app.QueryAsync("query($before: String) { clients(last: 10, before: $before) { nodes { clientId } pageInfo { hasNextPage } } }",
            new { before });
        var previousPage = previous.Data.GetProperty("clients");
        Ids(previousPage).ShouldBe(Enumerable.Range(6, 10).ToList());
        previousPage.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Clients_WhereContainsAndStatus_FiltersInSql()
    {
        var answer = await app.QueryAsync("""
            { clients(first: 50, where: { name: { contains: "Doe" }, status: { eq: ACTIVE } }) { totalCount nodes { clientId name status } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var expected = Enumerable.Range(1, GraphFixture.Clients).Where(i => i % 3 == 0 && i % 5 != 0 && i % 7 != 0).ToList();
        Ids(answer.Data.GetProperty("clients")).ShouldBe(expected);
        answer.Data.GetProperty("clients").GetProperty("totalCount").GetInt32().ShouldBe(expected.Count);
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
        Ids(answer.Data.GetProperty("clients")).ShouldBe([1, 2, 7, 14]);
    }

    [Fact]
    public async Task Clients_OrderByStatusThenNameDesc_SortsInSql()
    {
        var answer = await app.QueryAsync("{ clients(first: 50, order: [{ status: DESC }, { name: DESC }]) { nodes { clientId name status } } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var nodes = answer.Data.GetProperty("clients").GetProperty("nodes").EnumerateArray().ToList();
        nodes[0].GetProperty("status").GetString().ShouldBe("ISOLATED");
        var active = nodes.Where(n => n.GetProperty("status").GetString() == "ACTIVE").Select(n => n.GetProperty("name").GetString()).ToList();
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
        var invoices = answer.Data.GetProperty("invoices");
        invoices.GetProperty("totalCount").GetInt32().ShouldBe(GraphFixture.Clients);
        var nodes = invoices.GetProperty("nodes").EnumerateArray().ToList();
        nodes.ShouldAllBe(n => n.GetProperty("invoiceDate").GetString() == "2026-02-25");
        nodes[0].GetProperty("clientId").GetInt32().ShouldBe(GraphFixture.Clients);
        nodes[0].GetProperty("client").GetProperty("name").GetString()!.ShouldEndWith("00025");
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
        var invoices = answer.Data.GetProperty("invoices");
        invoices.GetProperty("totalCount").GetInt32().ShouldBe(GraphFixture.Clients * GraphFixture.Periods - 1);
        var nodes = invoices.GetProperty("nodes").EnumerateArray().ToList();
        nodes.ShouldAllBe(n => n.GetProperty("balance").GetDecimal() == 50000m);
        nodes.Select(n => n.GetProperty("invoiceId").GetInt32()).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task PlansRoutersMe_ReturnLists()
    {
        var answer = await app.QueryAsync("{ plans { name price periodMonths } routers { name host port useTls } me { username role } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.GetProperty("plans")[0].GetProperty("price").GetDecimal().ShouldBe(150000m);
        answer.Data.GetProperty("routers")[0].GetProperty("name").GetString().ShouldBe("seed-router");
        answer.Data.GetProperty("me").GetProperty("role").GetString().ShouldBe("ADMIN");
    }

    private static List<int> Ids(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("clientId").GetInt32()).ToList();
}
