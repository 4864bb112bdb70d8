using System.Linq.Expressions;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>What a client is for the router, REST and GraphQL alike.</summary>
public enum ClientState { Active, Disabled, Isolated, Cancelled }

/// <summary>
/// The one definition of "billing's isolation outranks the operator's switch": an isolated client is isolated
/// whatever the switch says, and only an active client may log in. A cancelled client is cancelled, whatever else.
/// </summary>
public static class ClientStates
{
    public static ClientState Of(ClientStatus status, bool isolated, bool cancelled = false) =>
        cancelled ? ClientState.Cancelled
        : isolated ? ClientState.Isolated
        : status == ClientStatus.Disabled ? ClientState.Disabled
        : ClientState.Active;

    /// <summary>
    /// The same rule for queries, translated to a SQL CASE so that GraphQL's <c>where</c>/<c>order</c> on status run
    /// in the database; a unit test holds it equal to <see cref="Of"/>.
    /// </summary>
    public static readonly Expression<Func<Client, ClientState>> Expression = c =>
        c.CancelledAt != null ? ClientState.Cancelled
        : c.IsolatedAt != null ? ClientState.Isolated
        : c.Status == ClientStatus.Disabled ? ClientState.Disabled
        : ClientState.Active;

    /// <summary>
    /// The same rule in SQL for the answers PostgreSQL writes itself (REST's client JSON, GraphQL's SQL answers): the
    /// state's stored name (snake_case) of the client row aliased <paramref name="row"/>.
    /// </summary>
    public static string Sql(string row) => $"""
        CASE WHEN {row}.cancelled_at IS NOT NULL THEN 'cancelled' WHEN {row}.isolated_at IS NOT NULL THEN 'isolated'
             WHEN {row}.status = 'disabled' THEN 'disabled' ELSE 'active' END
        """;
}
