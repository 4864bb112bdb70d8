using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using MikroNet.Tests.Driver;
using Npgsql;
using Xunit;

namespace MikroNet.Tests.Graph.Sql;

/// <summary>
/// The seeded graph database with two hosts on it: <see cref="AppFixture.Host"/> answers cached one-client trees in SQL,
/// <see cref="Off"/> (`GraphQL:SqlAnswers=false`) always executes with GraphQL.NET — today's answers to compare with.
/// Every statement Npgsql sends to this database is seen, EF Core's or not.
/// </summary>
public sealed class SqlAnswersFixture : GraphFixture, IAsyncLifetime
{
    /// <summary>How the SQL answer's statement starts (<see cref="MikroNet.Features.Graph.Sql.TreeStatement"/>).</summary>
    public const string AnswerStatement = "SELECT convert_to(json_build_object('data'";

    private readonly ConcurrentQueue<string> _statements = new();
    private ActivityListener? _listener;

    public IAlbaHost Off { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Off = await StartHostAsync(("GraphQL:SqlAnswers", "false"));
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string text)
                    _statements.Enqueue(text);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public override async Task DisposeAsync()
    {
        _listener?.Dispose();
        await Off.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>POSTs a query to a host as the admin (or with <paramref name="token"/>); the statements it ran.</summary>
    public async Task<Sent> PostAsync(IAlbaHost host, string query, object? variables = null, string? token = null,
        string accept = Api.GraphResponseJson, string? operationName = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await SendAsync(host, request, token, accept);
    }

    public async Task<Sent> SendAsync(IAlbaHost host, HttpRequestMessage request, string? token = null,
        string accept = Api.GraphResponseJson)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await Api.AdminTokenAsync());
        request.Headers.Accept.ParseAdd(accept);
        _statements.Clear();
        Sql.Reset();
        var response = await host.Server.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Sent((int)response.StatusCode, text, response.Content.Headers.ContentType?.ToString(), [.. _statements],
            Sql.Statements().Count);
    }
}

/// <summary>An answer, every statement sent for it and how many of those were EF Core's.</summary>
public sealed record Sent(int Status, string Text, string? ContentType, IReadOnlyList<string> Statements, int EfStatements)
{
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when the SQL answer wrote it: its one statement, no EF Core query.</summary>
    public bool AnsweredInSql => Statements.Count == 1 && Statements[0].StartsWith(SqlAnswersFixture.AnswerStatement, StringComparison.Ordinal)
        && EfStatements == 0;

    /// <summary>
    /// The JSON re-written one way: keys in their order, numbers as sent (so `150000.00` ≠ `150000`), strings escaped
    /// alike (PostgreSQL sends `Ñ`, System.Text.Json `\u00D1`: the same string).
    /// </summary>
    public string Json => JsonNode.Parse(Text)!.ToJsonString(Canonical);
}
