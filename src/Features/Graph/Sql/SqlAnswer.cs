using GraphQL;
using GraphQLParser.AST;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MikroNet.Features.Graph.Sql;

/// <summary>
/// A cached document's whole answer as one statement (<see cref="TreeStatement"/>): PostgreSQL writes
/// `{"data":{…}}` as UTF-8, a missing or deleted client as `null`, exactly as GraphQL.NET would have written them.
/// The statement depends on the document only; the client ids are its parameters, so it is prepared once per
/// connection and planned generically (`c0.id = $1`).
/// </summary>
public sealed class SqlAnswer(GraphQLOperationDefinition operation, string statement, IReadOnlyList<ClientId> ids)
{
    /// <summary>The operation it answers: a request selecting another one is not answered here.</summary>
    public GraphQLOperationDefinition Operation { get; } = operation;

    public string Statement { get; } = statement;

    /// <summary>
    /// The client ids of a request, or null when a variable is missing or not an Int as the request sent it: then
    /// GraphQL.NET coerces it (a default value, a long in range) or reports the error, as for any other document.
    /// </summary>
    public int[]? IdsOf(Inputs? variables)
    {
        var values = new int[ids.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (ids[i].Literal is { } literal) values[i] = literal;
            else if (variables is not null && variables.TryGetValue(ids[i].Variable!, out var value) && value is int given)
                values[i] = given;
            else return null;
        }
        return values;
    }

    /// <summary>Runs the statement on the request's connection; the answer's UTF-8 bytes as PostgreSQL wrote them.</summary>
    public async Task<byte[]> RunAsync(MikroNetDb db, int[] clientIds, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Statement, (NpgsqlConnection)db.Database.GetDbConnection());
        foreach (var id in clientIds) cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        return (byte[])(await cmd.ExecuteScalarAsync(ct))!;
    }
}
