using MikroNet.Features.Common;

namespace MikroNet.Features.Clients;

/// <summary>
/// <see cref="ClientView"/> spelled in SQL, for the answers PostgreSQL builds (the list and the details): the same
/// fields in the same order, the state derived as <c>ClientStates.Of</c> derives it. The list's and the details'
/// tests hold it equal, as JSON, to the record serialized.
/// </summary>
public static class ClientJson
{
    /// <summary>The JSON object of the client row aliased <paramref name="c"/>.</summary>
    public static string Of(string c) => $"""
        json_build_object('client_id', {c}.id, 'name', {c}.name, 'phone_number', {c}.phone_number,
          'address', {c}.address, 'ppp_secret_name', {c}.ppp_secret_name, 'router_id', {c}.router_id, 'plan_id', {c}.plan_id,
          'status', CASE WHEN {c}.cancelled_at IS NOT NULL THEN 'cancelled' WHEN {c}.isolated_at IS NOT NULL THEN 'isolated'
                         WHEN {c}.status = 'disabled' THEN 'disabled' ELSE 'active' END,
          'auto_renew', {c}.auto_renew,
          'provisioning', json_build_object('state', {c}.provisioning_state, 'last_error', {c}.provisioning_error),
          'created_at', {PostgresJson.Instant($"{c}.created_at")}, 'updated_at', {PostgresJson.Instant($"{c}.updated_at")},
          'credit_balance', {c}.credit_balance, 'email', {c}.email, 'notification_channels', {c}.notification_channels,
          'notifications_opt_out', {c}.notifications_opt_out)
        """;
}
