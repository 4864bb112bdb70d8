using System.Text.Json;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// The OpenAPI document tells the truth: every status code the integration tests saw a route answer is documented
/// for that operation (docs/api.md says how to document one), with problem-details bodies for errors.
/// </summary>
[Collection(LastCollection.Name)]
public sealed class OpenApiCoverageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Document_EveryAnswerTheSuiteSaw_IsDocumented()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var undocumented = ApiCoverage.Answers
            .Where(a => !paths.TryGetProperty(a.Path, out var operations)
                || !operations.TryGetProperty(a.Method, out var operation)
                || !operation.GetProperty("responses").TryGetProperty(a.Status.ToString(), out _))
            .Select(a => $"{a.Method.ToUpperInvariant()} {a.Path} answered {a.Status}")
            .Order()
            .ToList();

        undocumented.ShouldBeEmpty("Document them in the endpoint's Configure(): Description(b => b.Problems(…)), see docs/api.md");
    }

    [Fact]
    public async Task Document_ErrorAnswers_AreProblemDetails()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var plain = (from path in paths.EnumerateObject()
                     from operation in path.Value.EnumerateObject()
                     from response in operation.Value.GetProperty("responses").EnumerateObject()
                     where int.Parse(response.Name) >= 400
                           && !(response.Value.TryGetProperty("content", out var content)
                                && content.TryGetProperty("application/problem+json", out _))
                     select $"{operation.Name} {path.Name} {response.Name}").ToList();

        plain.ShouldBeEmpty();
        var problem = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Problem")
            .GetProperty("properties");
        problem.EnumerateObject().Select(p => p.Name)
            .ShouldBe(["type", "title", "status", "detail", "instance", "trace_id", "errors"], ignoreOrder: true);
    }

    [Fact]
    public async Task Document_SchemaNames_AreReadableAndUnique()
    {
        var names = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Select(s => s.Name).ToList();

        // NSwag appends a number when two types would take the same name.
        names.Where(n => char.IsDigit(n[^1]) || n is "Request" or "Response").ShouldBeEmpty();
        names.ShouldContain("RegisterClientRequest");
        names.ShouldContain("ClientView");
        names.ShouldContain("ClientViewEnvelope");
    }

    [Fact]
    public async Task Document_EnumsAndBodies_AreDescribed()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paths = document.GetProperty("paths");

        EnumOf(schemas.GetProperty("RecordPaymentRequest"), "payment_method").ShouldContain("bank_transfer");
        EnumOf(schemas.GetProperty("ClientDetailsInvoiceView"), "invoice_status").ShouldContain("partially_paid");
        EnumOf(schemas.GetProperty("ClientView"), "status").ShouldBe(["active", "disabled", "isolated", "cancelled"]);
        foreach (var route in new[] { "/invoices/generate", "/invoices/enforce" })
        {
            var body = paths.GetProperty(route).GetProperty("post").GetProperty("requestBody")
                .GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Resolve(schemas, body).GetProperty("properties").TryGetProperty("as_of", out _).ShouldBeTrue(route);
        }
        schemas.GetProperty("RecordPaymentRequest").GetProperty("properties").TryGetProperty("idempotency_key", out _)
            .ShouldBeFalse("the key is a header, not a body field");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json");
        response.Status.ShouldBe(200);
        return JsonDocument.Parse(response.Text).RootElement;
    }

    private static string[] EnumOf(JsonElement schema, string property) =>
        schema.GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray()
            .Select(v => v.GetString()!).ToArray();

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
