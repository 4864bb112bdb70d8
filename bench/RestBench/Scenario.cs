using System.Net.Http.Json;
using System.Text;

namespace MikroNet.RestBench;

/// <summary>One kind of request: its wrk script, the pgbench script doing the same work, and one request of it.</summary>
internal sealed record Scenario(string Name, string Title, string WrkScript, string PgBenchScript,
    Func<int, string, HttpRequestMessage> Request)
{
    /// <summary>
    /// A pgbench script of the statements the host itself sends for this work, where they differ from the baseline's:
    /// shows how much of the distance to the baseline is work the baseline leaves out. Not a target.
    /// </summary>
    public string? HostStatementsScript { get; init; }

    private const string GraphQuery = "query($id:Int!){client(clientId:$id){clientId name phoneNumber status "
        + "subscriptions{subscriptionId startDate endDate status "
        + "invoices{invoiceId number invoiceDate dueDate totalAmount amountPaid invoiceStatus "
        + "payments{paymentId amount paymentDate paymentMethod paymentStatus reference}}}}}";

    public static readonly Scenario Details = new("details", "GET /client/{id}/details", "details.lua", "details.sql",
        (id, _) => new HttpRequestMessage(HttpMethod.Get, $"/client/{id}/details"));

    public static readonly Scenario Payment = new("payment", "POST /invoices/{id}/payments", "payment.lua", "payment.sql",
        (id, key) => new HttpRequestMessage(HttpMethod.Post, $"/invoices/{id}/payments")
        {
            Content = JsonContent.Create(new { amount = 1, payment_method = "cash" }),
            Headers = { { "Idempotency-Key", key } },
        })
    {
        HostStatementsScript = "payment-host.sql",
    };

    public static readonly Scenario Graph = new("graphql", "POST /graphql one client's tree", "graphql.lua", "graphql.sql",
        (id, _) => new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"" + GraphQuery + "\",\"variables\":{\"id\":" + id + "}}",
                Encoding.UTF8, "application/json"),
        });

    public static readonly Scenario GraphUncached = Graph with
    {
        Name = "graphql-uncached", Title = "POST /graphql one client's tree, document cache off",
    };

    public static readonly Scenario List = new("list", "GET /client (all clients)", "list.lua", "list.sql",
        (_, _) => new HttpRequestMessage(HttpMethod.Get, "/client"));

    /// <summary>
    /// In this order: payments last, because they change the data the others read (the payment load, its baseline and
    /// the relay's add ~150 payments to every invoice), so details and the tree, with and without the document cache,
    /// are measured on the seeded data the issue describes.
    /// </summary>
    public static readonly Scenario[] Hot = [Details, Graph, GraphUncached, Payment];
}
