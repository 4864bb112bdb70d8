using System.Collections.Concurrent;
using System.Data.Common;
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

    /// <summary>POSTs a query as the admin; the answer, and the statements it ran (token checks left out).</summary>
    public async Task<GraphAnswer> QueryAsync(string query, object? variables = null)
    {
        await Api.AdminTokenAsync();
        Sql.Reset();
        var response = await Api.GraphAsync(query, variables);
        return new GraphAnswer(response, Sql.Statements());
    }

    /// <summary>POSTs a body as given (JSON a serializer would refuse to write, such as 10,000 levels deep).</summary>
    public async Task<GraphAnswer> PostRawAsync(string json)
    {
        await Api.AdminTokenAsync();
        Sql.Reset();
        var response = await Api.SendGraphAsync(HttpMethod.Post, "/graphql",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        return new GraphAnswer(response, Sql.Statements());
    }
}

public sealed record GraphAnswer(GraphResponse Response, IReadOnlyList<string> Statements)
{
    public int Status => Response.Status;
    public string Text => Response.Text;
    public GqlQuery Data => Response.Data;
    public bool HasErrors => Response.HasErrors;
    public string FirstError => Response.FirstError;
    public string? FirstErrorCode => Response.FirstErrorCode;
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
