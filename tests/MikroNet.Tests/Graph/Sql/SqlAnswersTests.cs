using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MikroNet.Features.Graph;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph.Sql;

/// <summary>
/// A cached one-client tree is answered by one PostgreSQL statement (Features/Graph/Sql); every answer here is compared
/// with the one GraphQL.NET writes for the same request on a host with the SQL answers off.
/// </summary>
public sealed class SqlAnswersTests(SqlAnswersFixture app) : IClassFixture<SqlAnswersFixture>
{
    /// <summary>Every field the SQL answers spell, some twice under aliases, and __typename at every level.</summary>
    private const string Everything = """
        query Everything($id: Int!) {
          __typename
          client(clientId: $id) {
            __typename id clientId name phoneNumber address pppSecretName status isolatedAt createdAt
            provisioning { __typename state lastError }
            router { __typename id routerId name host port useTls }
            plan { __typename id planId name price periodMonths pppProfile rateLimit }
            creditBalance email notificationChannels notificationsOptOut outstandingBalance
            alias: name
            subscriptions {
              __typename id subscriptionId startDate endDate price status plan { name planId }
              invoices {
                __typename id invoiceId number invoiceDate dueDate netAmount taxAmount totalAmount amountPaid balance
                invoiceStatus overdue clientId
                lines { __typename kind description amount taxable }
                paymentLinks { __typename gateway url status amount expiresAt }
                payments { __typename id paymentId amount paymentDate paymentMethod paymentStatus reference }
                paid: payments { amount }
              }
            }
          }
        }
        """;

    /// <summary>The bench's document (bench/RestBench/Scenario.cs).</summary>
    private const string Bench = "query($id:Int!){client(clientId:$id){clientId name phoneNumber status "
        + "subscriptions{subscriptionId startDate endDate status "
        + "invoices{invoiceId number invoiceDate dueDate totalAmount amountPaid invoiceStatus "
        + "payments{paymentId amount paymentDate paymentMethod paymentStatus reference}}}}}";

    [Fact]
    public async Task Tree_EveryKindOfClient_EqualsGraphQLNetsAnswerInOneStatement()
    {
        var odd = await OddClientAsync();
        var cancelled = await CancelledClientAsync();
        var deleted = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());
        (await app.Api.DeleteClientAsync(deleted)).Status.ShouldBe(200);
        // 1: active, 5: disabled, 7: isolated (GraphSeed); then odd text and rows, cancelled, deleted, missing.
        int[] ids = [1, 5, 7, odd, cancelled, deleted, 999_999, -1];

        await app.PostAsync(app.Host, Everything, new { id = 1 });
        foreach (var id in ids)
        {
            var expected = await app.PostAsync(app.Off, Everything, new { id });
            var answer = await app.PostAsync(app.Host, Everything, new { id });

            answer.AnsweredInSql.ShouldBeTrue($"client {id}: {string.Join("\n", answer.Statements)}");
            answer.Status.ShouldBe(expected.Status);
            answer.ContentType.ShouldBe(expected.ContentType);
            answer.Json.ShouldBe(expected.Json, $"client {id}");
        }
        (await app.PostAsync(app.Host, Everything, new { id = deleted })).Text.ShouldBe("""{"data":{"__typename":"Query","client":null}}""");
        (await app.PostAsync(app.Host, Everything, new { id = odd })).Text.ShouldContain("Ñoño \\\"O'Brien\\\" <b>&amp; 山田 😀");
    }

    [Fact]
    public async Task Tree_BenchDocument_OneStatementEqualToGraphQLNet()
    {
        await app.PostAsync(app.Host, Bench, new { id = 2 });
        foreach (var id in new[] { 2, 7, 14, 25 })
        {
            var answer = await app.PostAsync(app.Host, Bench, new { id });
            answer.AnsweredInSql.ShouldBeTrue();
            answer.Json.ShouldBe((await app.PostAsync(app.Off, Bench, new { id })).Json);
        }
    }

    /// <summary>`overdue` is billing's rule as of the provider's date on each request, not when the document was cached.</summary>
    [Fact]
    public async Task Tree_Overdue_FollowsTheProviderDateOfEachRequest()
    {
        const string query = "query($id: Int!) { client(clientId: $id) { subscriptions { invoices { dueDate invoiceStatus overdue } } } }";
        await using var travel = await app.TimeTravelAsync();
        await app.PostAsync(app.Host, query, new { id = 11 });

        app.SetUtc(2026, 1, 2, 3);
        var early = await app.PostAsync(app.Host, query, new { id = 11 });
        var earlyOff = await app.PostAsync(app.Off, query, new { id = 11 });
        app.SetUtc(2026, 3, 1, 3);
        var later = await app.PostAsync(app.Host, query, new { id = 11 });
        var laterOff = await app.PostAsync(app.Off, query, new { id = 11 });

        (early.AnsweredInSql, later.AnsweredInSql).ShouldBe((true, true));
        early.Json.ShouldBe(earlyOff.Json);
        later.Json.ShouldBe(laterOff.Json);
        early.Text.ShouldNotContain("\"overdue\":true");
        later.Text.ShouldContain("\"overdue\":true");
    }

    [Theory]
    [InlineData("{ a: client(clientId: 3) { name status } b: client(clientId: 5) { clientId __typename } __typename }")]
    [InlineData("query One { client(clientId: -4) { name } }")]
    [InlineData("query($id: Int = 2) { client(clientId: $id) { subscriptions { invoices { payments { reference } } } } }")]
    public async Task Tree_LiteralIdsAndSeveralRoots_EqualsGraphQLNet(string query)
    {
        var variables = new { id = 4 };
        await app.PostAsync(app.Host, query, variables);

        var answer = await app.PostAsync(app.Host, query, variables);

        answer.AnsweredInSql.ShouldBeTrue();
        answer.Json.ShouldBe((await app.PostAsync(app.Off, query, variables)).Json);
    }

    /// <summary>Documents and requests the SQL answers leave to GraphQL.NET, whose answer they get.</summary>
    [Theory]
    [InlineData("query($id: Int!) { client(clientId: $id) { ...F } } fragment F on Client { name }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { ... on Client { name } } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name @include(if: true) } }", """{"id":3}""")]
    [InlineData("query($id: Int!) @live { client(clientId: $id) { name } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { subscriptions(order: [{ startDate: DESC }]) { subscriptionId } } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { subscriptions { invoices { payments(where: { amount: { gt: 1 } }) { amount } } } } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { subscriptions { invoices { client { name } } } } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { invoices { nodes { number } } } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name } plans { name } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name } client(clientId: $id) { status } }", """{"id":3}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name name } }", """{"id":3}""")]
    [InlineData("query($id: Int! = 3) { client(clientId: $id) { name } }", "{}")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name } }", """{"id":"3"}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name } }", """{"id":3.5}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name } }", """{"id":null}""")]
    [InlineData("query($id: Int!) { client(clientId: $id) { name } }", """{"id":4294967296}""")]
    [InlineData("query A($id: Int!) { client(clientId: $id) { name } } query B { plans { name } }", """{"id":3}""")]
    public async Task Tree_DocumentItDoesNotTake_GetsGraphQLNetsAnswer(string query, string variables)
    {
        var given = System.Text.Json.JsonSerializer.Deserialize<object>(variables);
        await app.PostAsync(app.Host, query, given, operationName: query.StartsWith("query A") ? "A" : null);

        var answer = await app.PostAsync(app.Host, query, given, operationName: query.StartsWith("query A") ? "A" : null);

        answer.Statements.ShouldNotContain(s => s.StartsWith(SqlAnswersFixture.AnswerStatement, StringComparison.Ordinal));
        var expected = await app.PostAsync(app.Off, query, given, operationName: query.StartsWith("query A") ? "A" : null);
        answer.Status.ShouldBe(expected.Status);
        answer.Json.ShouldBe(expected.Json);
    }

    [Fact]
    public async Task Tree_OperationNameOfAnotherOperation_GetsGraphQLNetsError()
    {
        const string query = "query Mine($id: Int!) { client(clientId: $id) { name } }";
        await app.PostAsync(app.Host, query, new { id = 3 });

        var answer = await app.PostAsync(app.Host, query, new { id = 3 }, operationName: "Other");

        answer.Statements.ShouldBeEmpty();
        answer.Status.ShouldBe(400);
        answer.Json.ShouldBe((await app.PostAsync(app.Off, query, new { id = 3 }, operationName: "Other")).Json);
        (await app.PostAsync(app.Host, query, new { id = 3 }, operationName: "Mine")).AnsweredInSql.ShouldBeTrue();
    }

    /// <summary>The role rule's verdict is kept per set of roles: a role that has not passed it yet is checked first.</summary>
    [Fact]
    public async Task Tree_RoleNotYetCheckedOnTheDocument_RunsTheRuleFirst()
    {
        const string query = "query($id: Int!) { client(clientId: $id) { name createdAt } }";
        await app.PostAsync(app.Host, query, new { id = 6 });
        (await app.PostAsync(app.Host, query, new { id = 6 })).AnsweredInSql.ShouldBeTrue();
        var token = await app.Api.OperatorTokenAsync(Driver.Api.Unique("op"));

        var first = await app.PostAsync(app.Host, query, new { id = 6 }, token);
        var second = await app.PostAsync(app.Host, query, new { id = 6 }, token);

        first.AnsweredInSql.ShouldBeFalse();
        second.AnsweredInSql.ShouldBeTrue();
        second.Json.ShouldBe(first.Json);
    }

    [Theory]
    [InlineData(Driver.Api.GraphResponseJson)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task Tree_EachMediaType_SameStatusAndContentTypeAsGraphQLNet(string accept)
    {
        await app.PostAsync(app.Host, Bench, new { id = 8 }, accept: accept);

        var answer = await app.PostAsync(app.Host, Bench, new { id = 8 }, accept: accept);

        var expected = await app.PostAsync(app.Off, Bench, new { id = 8 }, accept: accept);
        answer.AnsweredInSql.ShouldBeTrue();
        (answer.Status, answer.ContentType).ShouldBe((expected.Status, expected.ContentType));
        answer.Json.ShouldBe(expected.Json);
    }

    [Fact]
    public async Task Tree_Get_AnsweredInSqlLikePost()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(Bench) + "&variables=" + Uri.EscapeDataString("""{"id":9}""");
        await app.SendAsync(app.Host, new HttpRequestMessage(HttpMethod.Get, url));

        var answer = await app.SendAsync(app.Host, new HttpRequestMessage(HttpMethod.Get, url));

        answer.AnsweredInSql.ShouldBeTrue();
        answer.Json.ShouldBe((await app.SendAsync(app.Off, new HttpRequestMessage(HttpMethod.Get, url))).Json);
    }

    [Fact]
    public async Task Tree_TenAtOnce_EachEqualsGraphQLNet()
    {
        await app.PostAsync(app.Host, Everything, new { id = 1 });
        var ids = Enumerable.Range(10, 10).ToArray();

        var answers = await Task.WhenAll(ids.Select(id => app.PostAsync(app.Host, Everything, new { id })));

        for (var i = 0; i < ids.Length; i++)
            answers[i].Json.ShouldBe((await app.PostAsync(app.Off, Everything, new { id = ids[i] })).Json);
    }

    /// <summary>The SQL spells an enum as upper(stored snake_case): that must be the schema's name for every value.</summary>
    [Fact]
    public void Schema_EnumsTheAnswersWrite_AreTheUpperCaseOfTheStoredValues()
    {
        var schema = app.Host.Services.GetRequiredService<GraphSchema>();
        schema.Initialize();
        Check<ProvisioningState>("ProvisioningState");
        Check<SubscriptionStatus>("SubscriptionStatus");
        Check<InvoiceStatus>("InvoiceStatus");
        Check<InvoiceLineKind>("InvoiceLineKind");
        Check<PaymentMethod>("PaymentMethod");
        Check<PaymentStatus>("PaymentStatus");
        Check<PaymentLinkStatus>("PaymentLinkStatus");
        Check<NotificationChannel>("NotificationChannel");
        Check<ClientState>("ClientStatus");

        void Check<T>(string name) where T : struct, Enum =>
            ((EnumerationGraphType)schema.AllTypes[name]!).Values.Select(v => v.Name)
                .ShouldBe(Enum.GetValues<T>().Select(v => SnakeCaseEnums.ToSnakeCase(v).ToUpperInvariant()));
    }

    /// <summary>Odd text, null and fractional instants, lines, payments with and without reference, a payment link.</summary>
    private async Task<int> OddClientAsync()
    {
        var id = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());
        var plan = await app.Api.AddPlanAsync();
        await using var db = app.Db();
        var client = await db.Clients.SingleAsync(c => c.Id == id);
        client.PlanId = plan;
        client.Name = "Ñoño \"O'Brien\" <b>&amp; 山田 😀 \\ / \t end";
        client.Address = "Jl. Tab\u00a0Spasi, RT 01/RW 02 \u2028";
        client.Email = "ñ@example.id";
        client.NotificationChannels = ["whatsapp", "email"];
        client.IsolatedAt = Instant.FromUtc(2026, 11, 20, 1, 2, 3).PlusNanoseconds(500_000_000);
        client.CreatedAt = Instant.FromUtc(2026, 1, 2, 3, 4, 5);
        client.CreditBalance = 1_234.5m;
        client.ProvisioningState = ProvisioningState.Failed;
        client.ProvisioningError = "timeout: router \"r1\" unreachable";
        // Numbered apart from the seeded invoices, which took 2026's numbers without the counter.
        var invoice = new Invoice
        {
            Number = $"INV-2099-{id:D6}", NumberYear = 2099, NumberSequence = id, ClientId = id, Kind = InvoiceKind.Period,
            InvoiceDate = new LocalDate(2026, 10, 28), DueDate = new LocalDate(2026, 11, 10), NetAmount = 150_000m,
            TaxAmount = 16_500.25m, TotalAmount = 166_500.25m, AmountPaid = 3_000.01m, Status = InvoiceStatus.PartiallyPaid,
            CreatedAt = client.CreatedAt, UpdatedAt = client.CreatedAt,
        };
        client.Subscriptions.Add(new Subscription { PlanId = plan, PeriodIndex = 0, StartDate = new LocalDate(2026, 11, 1), EndDate = new LocalDate(2026, 11, 30), Price = 150_000m, Status = SubscriptionStatus.Active, CreatedAt = client.CreatedAt, Invoices = [invoice] });
        invoice.Lines.Add(new InvoiceLine { Position = 1, Kind = InvoiceLineKind.Period, Description = "Langganan November", Amount = 150_000m, Taxable = true, CreatedAt = client.CreatedAt });
        invoice.Lines.Add(new InvoiceLine { Position = 90, Kind = InvoiceLineKind.Charge, Description = "Pasang ulang — kabel 5 m", Amount = 25_000.5m, Taxable = false, CreatedAt = client.CreatedAt });
        invoice.Payments.Add(new Payment { Amount = 1_000m, PaymentDate = new LocalDate(2026, 11, 4), PaymentMethod = PaymentMethod.EWallet, Status = PaymentStatus.Success, Reference = "ref/1 <x>", CreatedAt = client.CreatedAt });
        invoice.Payments.Add(new Payment { Amount = 2_000m, PaymentDate = new LocalDate(2026, 11, 3), PaymentMethod = PaymentMethod.Other, Status = PaymentStatus.Refunded, Gateway = "xendit", GatewayMethod = "EWALLET", CreatedAt = client.CreatedAt });
        invoice.Payments.Add(new Payment { Amount = 0.01m, PaymentDate = new LocalDate(2026, 11, 3), PaymentMethod = PaymentMethod.BankTransfer, Status = PaymentStatus.Success, Reference = null, CreatedAt = client.CreatedAt });
        invoice.PaymentLinks.Add(new PaymentLink { Gateway = "midtrans", ExternalId = "ext-1", GatewayReference = "g-1", Url = "https://pay.example/x?a=1&b=<2>", Amount = 150_000m, Status = PaymentLinkStatus.Expired, ExpiresAt = Instant.FromUtc(2026, 11, 30, 0, 0).PlusNanoseconds(10_000), CreatedAt = client.CreatedAt, UpdatedAt = client.CreatedAt });
        invoice.PaymentLinks.Add(new PaymentLink { Gateway = "xendit", ExternalId = "ext-2", GatewayReference = "g-2", Url = "https://pay.example/y", Amount = 1m, Status = PaymentLinkStatus.Open, ExpiresAt = Instant.FromUtc(2026, 12, 1, 0, 0), CreatedAt = client.CreatedAt, UpdatedAt = client.CreatedAt });
        client.Subscriptions.Add(new Subscription { PlanId = plan, PeriodIndex = 1, StartDate = new LocalDate(2026, 10, 1), EndDate = new LocalDate(2026, 10, 31), Price = 99_000m, Status = SubscriptionStatus.Cancelled, CreatedAt = client.CreatedAt });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Cancelled (outranks isolated and disabled), with an empty channel choice and no plan.</summary>
    private async Task<int> CancelledClientAsync()
    {
        var id = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());
        await using var db = app.Db();
        var client = await db.Clients.SingleAsync(c => c.Id == id);
        client.CancelledAt = Instant.FromUtc(2026, 11, 1, 0, 0);
        client.IsolatedAt = Instant.FromUtc(2026, 10, 1, 0, 0);
        client.Status = ClientStatus.Disabled;
        client.NotificationChannels = [];
        client.NotificationsOptOut = true;
        await db.SaveChangesAsync();
        return id;
    }
}
