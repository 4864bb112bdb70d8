using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Clients;

/// <summary>
/// <see cref="ClientView"/> spelled in SQL, for the answers PostgreSQL builds (the list and the details): the same
/// fields in the same order, the state derived by <see cref="ClientStates.Sql"/>. The list's and the details'
/// tests hold it equal, as JSON, to the record serialized.
/// </summary>
public static class ClientJson
{
    /// <summary>The JSON object of the client row aliased <paramref name="c"/>.</summary>
    public static string Of(string c) => $"""
        json_build_object('client_id', {c}.id, 'name', {c}.name, 'phone_number', {c}.phone_number,
          'address', {c}.address, 'ppp_secret_name', {c}.ppp_secret_name, 'router_id', {c}.router_id, 'plan_id', {c}.plan_id,
          'status', {ClientStates.Sql(c)},
          'auto_renew', {c}.auto_renew,
          'provisioning', json_build_object('state', {c}.provisioning_state, 'last_error', {c}.provisioning_error),
          'created_at', {PostgresJson.Instant($"{c}.created_at")}, 'updated_at', {PostgresJson.Instant($"{c}.updated_at")},
          'credit_balance', {c}.credit_balance, 'email', {c}.email, 'notification_channels', {c}.notification_channels,
          'notifications_opt_out', {c}.notifications_opt_out)
        """;
}
