using GraphQL;
using GraphQLParser.AST;
using MikroNet.Infrastructure.Persistence;
using NodaTime;
using Npgsql;

namespace MikroNet.Features.Graph.Sql;

/// <summary>
/// A cached document's whole answer as one statement (<see cref="TreeStatement"/>): PostgreSQL writes
/// `{"data":{…}}` as UTF-8, a missing or deleted client as `null`, exactly as GraphQL.NET would have written them.
/// The statement depends on the document only; the client ids (and the date, for `overdue`) are its parameters, so
/// it is prepared once per connection and planned generically (`c0.id = $1`).
/// </summary>
public sealed class SqlAnswer(GraphQLOperationDefinition operation, string statement, IReadOnlyList<SqlParameter> parameters)
{
    /// <summary>The operation it answers: a request selecting another one is not answered here.</summary>
    public GraphQLOperationDefinition Operation { get; } = operation;

    public string Statement { get; } = statement;

    /// <summary>Whether it takes the provider's date and the grace days (it selects `Invoice.overdue`).</summary>
    public bool DependsOnToday { get; } = parameters.Contains(SqlParameter.Today);

    /// <summary>
    /// The values of the client id parameters for a request, or null when a variable is missing or not an Int as the
    /// request sent it: then GraphQL.NET coerces it (a default value, a long in range) or reports the error, as for
    /// any other document.
    /// </summary>
    public int[]? IdsOf(Inputs? variables)
    {
        var ids = new List<int>(1);
        foreach (var parameter in parameters)
        {
            if (parameter is not SqlParameter.ClientId id) continue;
            if (id.Literal is { } literal) ids.Add(literal);
            else if (variables is not null && variables.TryGetValue(id.Variable!, out var value) && value is int given) ids.Add(given);
            else return null;
        }
        return [.. ids];
    }

    /// <summary>
    /// Runs the statement with the other reads waiting at the same moment, in one round trip and without a DbContext
    /// (nothing else of the request reads the database); the answer's UTF-8 bytes as PostgreSQL wrote them.
    /// </summary>
    public async Task<byte[]> RunAsync(ReadBatches database, int[] ids, LocalDate today, int graceDays, CancellationToken ct)
    {
        var values = new NpgsqlParameter[parameters.Count];
        var nextId = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = parameters[i] switch
            {
                SqlParameter.ClientId => new NpgsqlParameter<int> { TypedValue = ids[nextId++] },
                SqlParameter.AsOf => new NpgsqlParameter<LocalDate> { TypedValue = today },
                _ => new NpgsqlParameter<int> { TypedValue = graceDays },
            };
        }
        return (await database.ScalarAsync(Statement, values, ct))!;
    }
}
