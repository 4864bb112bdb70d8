using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Keeps the connection a DbContext opened until the context is disposed, instead of handing it back to the pool
/// after every query: a request (one DI scope, one DbContext) checks out at most one connection, however many
/// queries it runs (GraphQL runs one per level), and never waits for the pool a second time mid-request.
/// EF Core then treats the connection as opened by the caller and closes it only when the context is disposed.
/// </summary>
internal sealed class OneConnectionPerScope : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result) => Keep(connection, result);

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection,
        ConnectionEventData eventData, InterceptionResult result) => ValueTask.FromResult(Keep(connection, result));

    /// <summary>A broken connection is closed as usual, so that the next query opens a fresh one.</summary>
    private static InterceptionResult Keep(DbConnection connection, InterceptionResult result) =>
        connection.State == ConnectionState.Open ? InterceptionResult.Suppress() : result;
}
