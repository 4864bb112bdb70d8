using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MikroNet.Tests.Graph;

/// <summary>A host whose database holds <see cref="Clients"/> seeded clients and whose SQL statements are counted.</summary>
public class GraphFixture : AppFixture, IAsyncLifetime
{
    public const int Clients = 25;
    public const int Periods = 3;
    public const int PaymentsPerInvoice = 2;

    public SqlCounter Sql { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("GraphQL:MaxPageSize", "50"),
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureDbContext<MikroNetDb>(o => o.AddInterceptors(Sql));

    // Re-implemented so that xunit seeds after the base fixture has created the host.
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GraphSeed.SeedAsync(ConnectionString, Clients, Periods, PaymentsPerInvoice);
    }

    /// <summary>POSTs a query as the admin; the body parsed, the statements it ran (token checks left out).</summary>
    public Task<GraphAnswer> QueryAsync(string query, object? variables = null) =>
        PostRawAsync(JsonSerializer.Serialize(new { query, variables }));

    /// <summary>POSTs a body as given (JSON the serializer would refuse to write, such as 10,000 levels deep).</summary>
    public async Task<GraphAnswer> PostRawAsync(string json)
    {
        var token = await AdminTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        Sql.Reset();
        var response = await Host.Server.CreateClient().SendAsync(request);
        var statements = Sql.Statements();
        var text = await response.Content.ReadAsStringAsync();
        return new GraphAnswer((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), statements, text);
    }
}

public sealed record GraphAnswer(int Status, JsonElement Body, IReadOnlyList<string> Statements, string Text)
{
    public JsonElement Data => Body.GetProperty("data");
    public bool HasErrors => Body.TryGetProperty("errors", out _);
    public string FirstError => Body.GetProperty("errors")[0].GetProperty("message").GetString()!;
}

/// <summary>Counts the SQL statements EF Core sends, except the bearer token's revocation check.</summary>
public sealed class SqlCounter : DbCommandInterceptor
{
    private ConcurrentQueue<string> _statements = new();

    /// <summary>Makes the next statement (other than a token check) throw, as a broken database would.</summary>
    public bool FailNext { get; set; }

    public void Reset() => _statements = new();

    public IReadOnlyList<string> Statements() => [.. _statements.Where(s => !s.Contains("user_tokens"))];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue(command.CommandText);
        if (FailNext && !command.CommandText.Contains("user_tokens"))
        {
            FailNext = false;
            throw new InvalidOperationException("Simulated failure running " + command.CommandText);
        }
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _statements.Enqueue(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
