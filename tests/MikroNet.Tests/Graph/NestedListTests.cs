using MikroNet.Features.Graph.Http;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>
/// `where`/`order`/paging on nested lists and across relations, each answer compared with SQL written by hand, and
/// the statements a request runs counted for a few clients and for all of them.
/// </summary>
public sealed class NestedListTests(NestedListFixture app) : IClassFixture<NestedListFixture>
{
    private const string Active = "SELECT id FROM clients WHERE deleted_at IS NULL";

    [Fact]
    public async Task Clients_InvoicesSomeOverdue_EqualsHandWrittenSql()
    {
        var answer = await app.QueryAsync(
            "{ clients(first: 50, where: { invoices: { some: { invoiceStatus: { eq: OVERDUE } } } }) { nodes { clientId } } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        Ids(answer).ShouldBe(await app.RowsAsync($"""
            {Active} AND EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = clients.id AND i.status = 'overdue') ORDER BY id
            """));
        answer.Statements.Count.ShouldBe(1, string.Join("\n---\n", answer.Statements));
        answer.Statements[0].ShouldContain("EXISTS");
    }

    [Fact]
    public async Task Clients_NoneAllAnyQuantifiers_EqualHandWrittenSql()
    {
        var answer = await app.QueryAsync("""
            { clients(first: 50, where: {
                invoices: { none: { invoiceStatus: { eq: PAID } }, any: true },
                subscriptions: { all: { invoices: { all: { payments: { some: { paymentStatus: { eq: SUCCESS } } } } } } } }) {
                nodes { clientId } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        Ids(answer).ShouldBe(await app.RowsAsync($"""
            {Active}
              AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = clients.id AND i.status = 'paid')
              AND EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = clients.id)
              AND NOT EXISTS (SELECT 1 FROM subscriptions s JOIN invoices i ON i.subscription_id = s.id
                               WHERE s.client_id = clients.id
                                 AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.status = 'success'))
            ORDER BY id
            """));
    }

    [Fact]
    public async Task Clients_AnyFalse_ReturnsClientsWithoutInvoices()
    {
        var answer = await app.QueryAsync("{ clients(first: 50, where: { invoices: { any: false } }) { totalCount } }");

        answer.HasErrors.ShouldBeFalse(answer.Text);
        answer.Data.Clients!.TotalCount.ShouldBe(int.Parse((await app.RowsAsync(
            $"SELECT count(*) FROM clients c WHERE deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = c.id)"))[0]));
    }

    [Fact]
    public async Task Invoices_WhereClientNameAndPlan_EqualsHandWrittenSql()
    {
        var answer = await app.QueryAsync("""
            { invoices(first: 50, where: { client: { name: { contains: "Doe" }, plan: { name: { eq: "Seed 20M" } } },
                                           subscription: { startDate: { gte: "2026-02-01" } } },
                       order: [{ dueDate: DESC }]) { totalCount nodes { invoiceId } } }
            """);

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var expected = await app.RowsAsync("""
            SELECT i.id FROM invoices i JOIN clients c ON c.id = i.client_id JOIN plans p ON p.id = c.plan_id
              JOIN subscriptions s ON s.id = i.subscription_id
             WHERE c.deleted_at IS NULL AND c.name LIKE '%Doe%' AND p.name = 'Seed 20M' AND s.start_date >= date '2026-02-01'
             ORDER BY i.due_date DESC, i.id
            """);
        answer.Data.Invoices!.Nodes!.Select(n => n.InvoiceId!.Value.ToString()).ShouldBe(expected);
        answer.Data.Invoices.TotalCount.ShouldBe(expected.Count);
    }

    private const string Nested = """
        query($first: Int) { clients(first: $first) { nodes { clientId
          subscriptions(where: { startDate: { gte: "2026-02-01" } }, order: [{ startDate: DESC }]) {
            startDate
            invoices(where: { invoiceStatus: { neq: PAID } }) {
              number invoiceStatus
              payments(where: { paymentStatus: { eq: SUCCESS } }, order: [{ paymentDate: DESC }]) { paymentId paymentMethod } } } } } }
        """;

    [Fact]
    public async Task Clients_NestedWhereAndOrderOnEveryLevel_EqualsHandWrittenSql()
    {
        var answer = await app.QueryAsync(Nested, new { first = GraphFixture.Clients });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var flattened = answer.Data.Clients!.Nodes!.SelectMany(c => c.Subscriptions!.SelectMany(s => s.Invoices!.SelectMany(i =>
            i.Payments!.Count == 0 ? [$"{c.ClientId}|{s.StartDate}|{i.Number}|"]
                : i.Payments.Select(p => $"{c.ClientId}|{s.StartDate}|{i.Number}|{p.PaymentId}")))).ToList();
        flattened.ShouldBe(await app.RowsAsync("""
            SELECT c.id, to_char(s.start_date, 'YYYY-MM-DD'), i.number, coalesce(p.id::text, '')
              FROM clients c JOIN subscriptions s ON s.client_id = c.id AND s.start_date >= date '2026-02-01'
              JOIN invoices i ON i.subscription_id = s.id AND i.status <> 'paid'
              LEFT JOIN payments p ON p.invoice_id = i.id AND p.status = 'success'
             WHERE c.deleted_at IS NULL
             ORDER BY c.id, s.start_date DESC, s.id, i.invoice_date, i.id, p.payment_date DESC, p.id
            """));
    }

    [Fact]
    public async Task Clients_NestedWhere_StatementsDoNotGrowWithClients()
    {
        var few = await app.QueryAsync(Nested, new { first = 2 });
        var all = await app.QueryAsync(Nested, new { first = GraphFixture.Clients });

        all.HasErrors.ShouldBeFalse(all.Text);
        all.Statements.Count.ShouldBe(few.Statements.Count, string.Join("\n---\n", all.Statements));
        // clients, subscriptions, invoices, payments: one per level
        all.Statements.Count.ShouldBe(4, string.Join("\n---\n", all.Statements));
    }

    [Fact]
    public async Task Client_AliasesWithOtherArguments_AnswerEachOwnList()
    {
        var answer = await app.QueryAsync("""
            { client(clientId: 12) {
                paid: subscriptions(where: { invoices: { some: { invoiceStatus: { eq: PAID } } } }) { subscriptionId }
                open: subscriptions(where: { invoices: { none: { invoiceStatus: { eq: PAID } } } }) { subscriptionId }
                all: subscriptions { subscriptionId } } }
            """);

        var body = System.Text.Json.JsonDocument.Parse(answer.Text).RootElement;
        body.TryGetProperty("errors", out _).ShouldBeFalse(answer.Text);
        var json = body.GetProperty("data").GetProperty("client");
        json.GetProperty("paid").GetArrayLength().ShouldBe(1);
        json.GetProperty("open").GetArrayLength().ShouldBe(GraphFixture.Periods - 1);
        json.GetProperty("all").GetArrayLength().ShouldBe(GraphFixture.Periods);
    }

    private const string ClientInvoices = """
        query($first: Int, $last: Int, $after: String, $before: String, $clients: Int) {
          clients(first: $clients) { nodes { clientId
            invoices(first: $first, last: $last, after: $after, before: $before, order: [{ invoiceDate: DESC }],
                     where: { invoiceStatus: { neq: PAID } }) {
              totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { number } } } } }
        """;

    [Fact]
    public async Task ClientInvoices_FirstTwoOfEveryClient_EqualsHandWrittenSql()
    {
        var answer = await app.QueryAsync(ClientInvoices, new { first = 2, clients = GraphFixture.Clients });

        answer.HasErrors.ShouldBeFalse(answer.Text);
        var pages = answer.Data.Clients!.Nodes!;
        pages.SelectMany(c => c.Invoices!.Nodes!.Select(i => $"{c.ClientId}|{i.Number}")).ToList().ShouldBe(await app.RowsAsync("""
            SELECT client_id, number FROM (
              SELECT i.client_id, i.number, row_number() OVER (PARTITION BY i.client_id ORDER BY i.invoice_date DESC, i.id) AS n
                FROM invoices i JOIN clients c ON c.id = i.client_id WHERE c.deleted_at IS NULL AND i.status <> 'paid') x
             WHERE n <= 2 ORDER BY client_id, n
            """));
        var counts = await app.RowsAsync("""
            SELECT c.id, count(i.id) FROM clients c LEFT JOIN invoices i ON i.client_id = c.id AND i.status <> 'paid'
             WHERE c.deleted_at IS NULL GROUP BY c.id ORDER BY c.id
            """);
        pages.Select(c => $"{c.ClientId}|{c.Invoices!.TotalCount}").ToList().ShouldBe(counts);
        pages.ShouldAllBe(c => c.Invoices!.PageInfo!.HasNextPage == c.Invoices.TotalCount > 2);
    }

    [Fact]
    public async Task ClientInvoices_Paging_StatementsDoNotGrowWithClients()
    {
        var few = await app.QueryAsync(ClientInvoices, new { last = 1, clients = 2 });
        var all = await app.QueryAsync(ClientInvoices, new { last = 1, clients = GraphFixture.Clients });

        all.HasErrors.ShouldBeFalse(all.Text);
        all.Statements.Count.ShouldBe(few.Statements.Count, string.Join("\n---\n", all.Statements));
        // clients page, counts (for `last` and totalCount, shared), invoices
        all.Statements.Count.ShouldBe(3, string.Join("\n---\n", all.Statements));
        all.Statements.ShouldContain(s => s.Contains("PARTITION BY i.client_id"), string.Join("\n---\n", all.Statements));
    }

    [Fact]
    public async Task ClientInvoices_AfterAndLastBefore_WalkOneClientsList()
    {
        var client = "query($after: String, $last: Int, $before: String, $first: Int) { client(clientId: 8) { invoices(first: $first, after: $after, last: $last, before: $before) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { number invoiceDate } } } }";
        var all = await app.RowsAsync("SELECT number FROM invoices WHERE client_id = 8 ORDER BY invoice_date, id");

        var first = (await app.QueryAsync(client, new { first = 2 })).Data.Client!.Invoices!;
        first.Nodes!.Select(n => n.Number).ShouldBe(all.Take(2));
        first.PageInfo!.HasNextPage.ShouldBe(true);
        var next = (await app.QueryAsync(client, new { first = 2, after = first.PageInfo.EndCursor })).Data.Client!.Invoices!;
        next.Nodes!.Select(n => n.Number).ShouldBe(all.Skip(2));
        next.PageInfo!.HasNextPage.ShouldBe(false);
        next.PageInfo.HasPreviousPage.ShouldBe(true);

        var last = (await app.QueryAsync(client, new { last = 1 })).Data.Client!.Invoices!;
        last.Nodes!.Select(n => n.Number).ShouldBe(all.TakeLast(1));
        last.PageInfo!.HasPreviousPage.ShouldBe(true);
        var before = (await app.QueryAsync(client, new { last = 5, before = last.PageInfo.StartCursor })).Data.Client!.Invoices!;
        before.Nodes!.Select(n => n.Number).ShouldBe(all.Take(all.Count - 1));
        before.PageInfo!.HasPreviousPage.ShouldBe(false);
    }

    [Fact]
    public async Task ClientInvoices_PageTooLarge_CodedError()
    {
        var answer = await app.QueryAsync("{ client(clientId: 1) { invoices(first: 51) { nodes { number } } } }");

        answer.FirstErrorCode.ShouldBe("PAGE_TOO_LARGE");
    }

    [Fact]
    public async Task Clients_UnknownQuantifierOrRelationField_IsValidationError()
    {
        var answer = await app.QueryAsync("{ clients(where: { invoices: { most: { invoiceId: { eq: 1 } } } }) { totalCount } }");

        answer.Status.ShouldBe(400);
        answer.HasErrors.ShouldBeTrue();
    }

    [Fact]
    public async Task Clients_RelationsNested30Deep_InputTooDeepBeforeSql()
    {
        var where = new System.Text.StringBuilder();
        for (var i = 0; i < 10; i++) where.Append("{ invoices: { some: { client: ");
        where.Append("{ name: { eq: \"x\" } }");
        for (var i = 0; i < 10; i++) where.Append(" } } }");

        var answer = await app.QueryAsync($"{{ clients(where: {where}) {{ totalCount }} }}");

        answer.FirstErrorCode.ShouldBe("INPUT_TOO_DEEP");
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Clients_ManyQuantifiersWithinDepth_FilterTooLarge()
    {
        var branches = string.Join(",", Enumerable.Range(1, 300).Select(i => $"{{ invoices: {{ some: {{ invoiceId: {{ eq: {i} }} }} }} }}"));

        var answer = await app.QueryAsync($"{{ clients(where: {{ or: [{branches}] }}) {{ totalCount }} }}");

        answer.FirstErrorCode.ShouldBe("FILTER_TOO_LARGE");
        answer.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task DocumentCache_SameTextTwice_ParsedAndValidatedOnce()
    {
        var cache = app.Host.Services.GetRequiredService<DocumentCache>();
        var text = "query CacheProbe($id: Int!) { client(clientId: $id) { clientId } }";
        cache.Find(text).ShouldBeNull();

        (await app.QueryAsync(text, new { id = 1 })).HasErrors.ShouldBeFalse();
        var document = cache.Find(text);
        document.ShouldNotBeNull();
        var second = await app.QueryAsync(text, new { id = 2 });

        second.Data.Client!.ClientId.ShouldBe(2);
        cache.Find(text).ShouldBeSameAs(document);
        (await app.QueryAsync("{ client(clientId: 1) { noSuchField } }")).HasErrors.ShouldBeTrue();
        cache.Find("{ client(clientId: 1) { noSuchField } }").ShouldBeNull();
    }

    private static List<string> Ids(GraphAnswer answer) => [.. answer.Data.Clients!.Nodes!.Select(n => n.ClientId!.Value.ToString())];
}
