using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MikroNet.Infrastructure.Persistence;
using Npgsql;

namespace MikroNet.RestBench;

/// <summary>
/// The floor under the ratio: an HTTP server that does nothing but relay each request to the database-alone script's
/// own statements (one round trip, the host's pool settings) and send back what PostgreSQL answered. No
/// authentication, no validation, no rules, no telemetry. What it reaches against pgbench is the most any HTTP host
/// can reach on this machine for the same work, since it pays the HTTP hop and the client library's round trip that
/// pgbench does not; MikroNet's rate over the relay's says how much of that the product's own work costs.
/// Runs in the bench's process (which idles while wrk runs), so the process's CPU time is the relay's.
/// </summary>
internal sealed partial class RelayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _database;

    private RelayHost(WebApplication app, NpgsqlDataSource database, string url) => (_app, _database, Url) = (app, database, url);

    public string Url { get; }

    public static async Task<RelayHost> StartAsync(string connectionString)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var database = NpgsqlDataSource.Create(PostgresConnection.Tune(connectionString));
        var app = builder.Build();
        var details = Statements("details.sql").Single();
        var graph = Statements("graphql.sql").Single();
        var payment = Statements("payment.sql");
        app.MapGet("/client/{id:int}/details", (int id) => AnswerAsync(database, details, id));
        app.MapPost("/graphql", async (HttpRequest request) => await AnswerAsync(database, graph, await VariableIdAsync(request)));
        app.MapPost("/invoices/{id:int}/payments", (int id) => PayAsync(database, payment, id));
        await app.StartAsync();
        return new RelayHost(app, database, url);
    }

    public double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>
    /// A pgbench script's statements with its variables as parameters: `:id` is $1, `:key` is $2 (the appended empty
    /// line ends the last statement as `;\n` like the others).
    /// </summary>
    private static List<string> Statements(string script) =>
        [.. string.Join('\n', File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "scripts", script))
                .Where(line => !line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith('\\')).Append(""))
            .Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Variable().Replace(s, m => m.Value == ":id" ? "$1" : "$2::text"))];

    private static async Task<IResult> AnswerAsync(NpgsqlDataSource database, string statement, int id)
    {
        object? answer;
        await using (var command = database.CreateCommand(statement))
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            answer = await command.ExecuteScalarAsync();
        }
        return answer switch
        {
            string json => Results.Text(json, "application/json"),
            byte[] utf8 => Results.Bytes(utf8, "application/json"),
            _ => Results.NotFound(),
        };
    }

    /// <summary>The baseline's transaction (lock, insert, update) sent as one batch with its BEGIN and COMMIT.</summary>
    private static async Task<IResult> PayAsync(NpgsqlDataSource database, List<string> statements, int id)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var key = Guid.NewGuid().ToString("N");
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement);
            if (statement.Contains("$1", StringComparison.Ordinal)) command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            if (statement.Contains("$2", StringComparison.Ordinal)) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync();
        return Results.Text("{\"message\":\"Payment recorded\"}", "application/json", statusCode: StatusCodes.Status201Created);
    }

    /// <summary>`variables.id` of a GraphQL request body.</summary>
    private static async Task<int> VariableIdAsync(HttpRequest request)
    {
        var body = await request.BodyReader.ReadAsync();
        while (!body.IsCompleted)
        {
            request.BodyReader.AdvanceTo(body.Buffer.Start, body.Buffer.End);
            body = await request.BodyReader.ReadAsync();
        }
        var reader = new Utf8JsonReader(body.Buffer);
        var id = 0;
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id") && reader.Read())
                id = reader.GetInt32();
        request.BodyReader.AdvanceTo(body.Buffer.End);
        return id;
    }

    [GeneratedRegex(@"(?<!:):(id|key)\b")]
    private static partial Regex Variable();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
