using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// Every route the OpenAPI document lists, every text field of its body: a NUL is a 400 naming the field; every date
/// (body field or query parameter) at 1900-01-01 and 9999-12-31 is a 4xx naming the field.
/// A refused request writes no row; no answer shows a stack frame, a driver name, a type name or the caller's token.
/// </summary>
public sealed class HostileInputTests(AppFixture app) : IClassFixture<AppFixture>
{

    [Fact]
    public async Task EveryRoute_NulInEveryTextField_Returns400NamingItAndWritesNothing()
    {
        var ids = await SeedAsync();
        var checkedFields = 0;
        foreach (var operation in await OperationsAsync())
        foreach (var field in operation.Fields.Where(f => f.Format is null))
        {
            var body = await ValidBodyAsync(operation, ids);
            body[field.Name] = "\u0000x";
            var id = await TargetIdAsync(operation, ids);
            var rows = await RowCountsAsync();

            var response = await SendAsync(operation, id, body);

            response.ShouldBeProblem(400).ShouldContain(field.Name, $"{operation} {field.Name}");
            (await RowCountsAsync()).ShouldBe(rows, $"{operation} {field.Name}");
            checkedFields++;
        }
        checkedFields.ShouldBeGreaterThan(30);
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("9999-12-31")]
    public async Task EveryRoute_ExtremeDateInEveryDateField_Returns4xxNamingItAndWritesNothing(string date)
    {
        var ids = await SeedAsync();
        var checkedFields = new List<string>();
        foreach (var operation in await OperationsAsync())
        foreach (var field in operation.Fields.Where(f => f.Format == "date"))
        {
            var body = await ValidBodyAsync(operation, ids);
            var query = field.InQuery ? $"?{field.Name}={date}" : "";
            if (!field.InQuery) body[field.Name] = date;
            var id = await TargetIdAsync(operation, ids);
            var rows = await RowCountsAsync();

            var response = await SendAsync(operation, id, body, query);

            response.Status.ShouldBeInRange(400, 499, $"{operation} {field.Name}={date}: {response.Text}");
            checkedFields.Add($"{operation} {field.Name}");
            response.ShouldBeProblem(response.Status).ShouldContain(field.Name, $"{operation} {field.Name}");
            (await RowCountsAsync()).ShouldBe(rows, $"{operation} {field.Name}={date}");
        }
        checkedFields.ShouldBe(checkedFields.Distinct());
        checkedFields.ShouldContain("POST /client/register start_date");
        checkedFields.ShouldContain("POST /client/{id}/subscriptions start_date");
        checkedFields.ShouldContain("POST /invoices/{id}/payments payment_date");
        checkedFields.ShouldContain("GET /invoices/generate as_of");
        checkedFields.ShouldContain("POST /invoices/enforce as_of");
        checkedFields.ShouldContain(f => f.StartsWith("GET /reports/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0001-01-01", "0001-12-31")]
    [InlineData("9999-01-01", "9999-12-31")]
    public async Task EveryRangeRoute_BothEndsAtTheEdgeOfTheCalendar_Returns4xx(string from, string to)
    {
        var ranged = (await OperationsAsync())
            .Where(o => o.Fields.Any(f => f is { Name: "from", InQuery: true }) && o.Fields.Any(f => f is { Name: "to", InQuery: true }))
            .ToList();
        ranged.ShouldNotBeEmpty();
        foreach (var operation in ranged)
            (await SendAsync(operation, 0, [], $"?from={from}&to={to}")).ShouldBeProblem(400);
    }

    private sealed record Field(string Name, string? Format, bool InQuery);

    private sealed record Operation(HttpMethod Method, string Path, IReadOnlyList<Field> Fields)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private sealed record Ids(int Router, int Plan, int Client, int Invoice);

    /// <summary>Routes with their JSON body fields (strings and dates) and date query parameters, from /swagger.</summary>
    private async Task<List<Operation>> OperationsAsync()
    {
        var doc = JsonNode.Parse((await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json")).Text)!;
        var schemas = doc["components"]!["schemas"]!;
        var operations = new List<Operation>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (verb, op) in item!.AsObject())
        {
            var fields = new List<Field>();
            foreach (var p in op!["parameters"]?.AsArray() ?? [])
                if ((string?)p!["in"] == "query" && (string?)p["schema"]?["format"] == "date")
                    fields.Add(new Field((string)p["name"]!, "date", InQuery: true));
            var reference = (string?)op["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"];
            if (reference is not null)
                foreach (var (name, property) in schemas[reference.Split('/')[^1]]!["properties"]!.AsObject())
                    if ((string?)property!["type"] == "string" && (string?)property["format"] is null or "date")
                        fields.Add(new Field(name, (string?)property["format"], InQuery: false));
            operations.Add(new Operation(new HttpMethod(verb.ToUpperInvariant()), path, fields));
        }
        return operations;
    }

    /// <summary>A router, a plan and a client on that plan (so with a first invoice): the ids the paths need.</summary>
    private async Task<Ids> SeedAsync()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        var invoice = (await app.Api.InvoicesAsync(client))[0].InvoiceId;
        return new Ids(router, plan, client, invoice);
    }

    /// <summary>A body the route would accept, so that a refusal is the hostile field's doing.</summary>
    private async Task<Dictionary<string, object?>> ValidBodyAsync(Operation operation, Ids ids) => (operation.Method.Method, operation.Path) switch
    {
        ("POST", "/routers") => new() { ["name"] = Api.Unique("r"), ["host"] = "127.0.0.1", ["username"] = "api", ["password"] = "router-pass" },
        ("POST", "/plans") => new() { ["name"] = Api.Unique("p"), ["price"] = 1000, ["period_months"] = 1, ["ppp_profile"] = "p" },
        ("POST", "/client/register") => new()
        {
            ["name"] = "Budi Santoso", ["phone_number"] = "+62 812-3456-7890", ["address"] = "Jl. Merdeka 1",
            ["ppp_secret_name"] = Api.Unique("c"), ["ppp_password"] = "ppp-pass-1", ["router_id"] = ids.Router, ["plan_id"] = ids.Plan,
        },
        ("POST", "/client/{id}/subscriptions") => new() { ["plan_id"] = ids.Plan },
        ("POST", "/invoices/{id}/payments") => new() { ["amount"] = 1000, ["payment_method"] = "cash" },
        ("POST", "/auth/register") => new() { ["username"] = Api.Unique("user"), ["password"] = "long-enough-1" },
        ("POST", "/auth/login") => new() { ["username"] = AppFixture.AdminUser, ["password"] = AppFixture.AdminPassword },
        _ => await Task.FromResult(new Dictionary<string, object?>()),
    };

    /// <summary>The id a route's path takes; a client without periods for a new subscription.</summary>
    private async Task<int> TargetIdAsync(Operation operation, Ids ids) => operation.Path.Split('/')[1] switch
    {
        _ when operation.Path == "/client/{id}/subscriptions" => await app.Api.AddClientAsync(ids.Router),
        "routers" => ids.Router,
        "plans" => ids.Plan,
        "invoices" => ids.Invoice,
        _ => ids.Client,
    };

    private async Task<ApiResponse> SendAsync(Operation operation, int id, Dictionary<string, object?> body, string query = "")
    {
        var url = operation.Path.Replace("{id}", id.ToString()) + query;
        var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var response = await app.Api.SendAsync(operation.Method, url, content);
        response.Text.ShouldNotLeak();
        return response;
    }

    /// <summary>Rows per table of the whole database.</summary>
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
