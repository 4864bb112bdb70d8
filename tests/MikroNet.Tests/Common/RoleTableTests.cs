using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastEndpoints;
using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Graph;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Common;

/// <summary>
/// docs/roles.md is the role table: every REST operation in the OpenAPI document and every GraphQL root field has a
/// row there, and calling it as each role proves that exactly the roles marked ✓ get past authorization.
/// </summary>
public sealed partial class RoleTableTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] RoleNames = ["admin", "operator", "cashier"];
    private const string Anyone = "anyone";

    /// <summary>Bodies for operations that look at authorization only once the body is valid.</summary>
    private static readonly Dictionary<string, Func<object>> ValidBodies = new()
    {
        ["POST /auth/register"] = () => new { username = Api.Unique("role"), password = "role-password-1" },
    };

    [Fact]
    public async Task RestTable_ListsEveryOperationOfTheOpenApiDocument()
    {
        var documented = (await OperationsAsync()).ToHashSet();
        var table = Table("REST").Keys.ToHashSet();

        documented.Except(table).Order().ShouldBeEmpty("operations missing from docs/roles.md (see its last section)");
        table.Except(documented).Order().ShouldBeEmpty("rows of docs/roles.md with no such operation");
    }

    [Fact]
    public async Task RestTable_EachRoleGetsPastAuthorizationExactlyWhereMarked()
    {
        var tokens = new Dictionary<string, string> { ["admin"] = await app.Api.AdminTokenAsync() };
        foreach (var role in RoleNames.Skip(1))
        {
            var name = Api.Unique(role);
            await app.Api.AddUserAsync(name, "role-password-1", role);
            tokens[role] = await app.Api.TokenAsync(name, "role-password-1");
        }
        var wrong = new List<string>();
        // Logout last: it revokes the token it is called with.
        foreach (var (operation, allowed) in Table("REST").OrderBy(r => r.Key == "POST /auth/logout"))
        {
            if (allowed.Contains(Anyone))
            {
                if (!IsAnonymous(operation)) wrong.Add($"{operation}: marked anyone but needs a token");
                continue;
            }
            foreach (var role in RoleNames)
            {
                var status = await CallAsync(app.Api.As(tokens[role]), operation);
                if (status == 401) wrong.Add($"{operation} as {role}: 401");
                else if ((status == 403) == allowed.Contains(role))
                    wrong.Add($"{operation} as {role}: {status}, table says {(allowed.Contains(role) ? "allowed" : "refused")}");
            }
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void GraphTable_ListsEveryRootField()
    {
        var schema = Schema();
        var fields = RootFields(schema).Select(f => f.Key).ToHashSet();
        var table = Table("GraphQL").Keys.ToHashSet();

        fields.Except(table).Order().ShouldBeEmpty("root fields missing from docs/roles.md");
        table.Except(fields).Order().ShouldBeEmpty("rows of docs/roles.md with no such root field");
    }

    [Fact]
    public async Task GraphTable_EachRoleMaySelectExactlyTheFieldsMarked()
    {
        var schema = Schema();
        var executer = app.Host.Services.GetRequiredService<IDocumentExecuter<GraphSchema>>();
        var table = Table("GraphQL");
        var wrong = new List<string>();
        foreach (var (key, (operation, field)) in RootFields(schema))
        foreach (var role in RoleNames)
        {
            using var scope = app.Host.Services.CreateScope();
            // The unknown field makes validation fail in every case, so nothing executes; the role rule still reports.
            var selection = field.ResolvedType!.GetNamedType() is IComplexGraphType ? " { __typename }" : "";
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = $"{operation} {{ {field.Name}{selection} notAFieldAnywhere }}",
                User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", role)], "test", "unique_name", "role")),
                RequestServices = scope.ServiceProvider,
            });
            var forbidden = result.Errors?.Any(e => e.Code == "FORBIDDEN") == true;
            if (forbidden == table[key].Contains(role))
                wrong.Add($"{key} as {role}: {(forbidden ? "refused" : "allowed")}, table says the opposite");
        }
        wrong.ShouldBeEmpty();
    }

    private async Task<int> CallAsync(Api caller, string operation)
    {
        var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
        var url = IdParameter().Replace(path, "987654");
        object? body = method is "GET" or "DELETE" ? null : ValidBodies.TryGetValue(operation, out var make) ? make() : new { };
        return (await caller.SendAsync(new HttpMethod(method), url, body)).Status;
    }

    private bool IsAnonymous(string operation)
    {
        var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
        return app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Definition: e.Metadata.GetMetadata<EndpointDefinition>()))
            .Any(e => e.Definition is not null && RouteConstraint().Replace(e.Route, "{$1}") == path
                && e.Definition.AnonymousVerbs?.Contains(method) == true);
    }

    private async Task<IEnumerable<string>> OperationsAsync()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json");
        var paths = JsonDocument.Parse(response.Text).RootElement.GetProperty("paths");
        return paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
    }

    private GraphSchema Schema()
    {
        var schema = app.Host.Services.GetRequiredService<GraphSchema>();
        schema.Initialize();
        return schema;
    }

    private static IEnumerable<KeyValuePair<string, (string Operation, FieldType Field)>> RootFields(ISchema schema) =>
        new[] { ("query", schema.Query), ("mutation", schema.Mutation), ("subscription", schema.Subscription) }
            .Where(r => r.Item2 is not null)
            .SelectMany(r => r.Item2!.Fields.Select(f =>
                KeyValuePair.Create($"{r.Item2!.Name}.{f.Name}", (r.Item1, f))));

    /// <summary>The rows of one table of docs/roles.md (the one under "## {section}"): operation → roles marked.</summary>
    private static Dictionary<string, HashSet<string>> Table(string section)
    {
        var text = File.ReadAllText(Path.Combine(Root(), "docs", "roles.md"));
        var body = text[(text.IndexOf($"\n## {section}\n", StringComparison.Ordinal) + 1)..];
        body = body[..(body.IndexOf("\n## ", 1, StringComparison.Ordinal) is var end and > 0 ? end : body.Length)];
        return TableRow().Matches(body).ToDictionary(m => m.Groups["key"].Value, m =>
        {
            var cells = m.Groups["cells"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            cells.Length.ShouldBe(RoleNames.Length, m.Value);
            return cells.Select((c, i) => c == "✓" ? RoleNames[i] : c == Anyone ? Anyone : null)
                .OfType<string>().ToHashSet();
        });
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MikroNet.sln"))) return dir.FullName;
        throw new InvalidOperationException("MikroNet.sln not found");
    }

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \|(?<cells>.*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex IdParameter();

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}
