using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Billing.Enforce;

/// <summary>
/// Marks invoices unpaid past their grace as overdue and isolates their clients in one statement: the client
/// row, a sync_secret (the worker disables the secret because the client is isolated) and a kick_session
/// (a disabled secret does not drop a live session) commit together. Isolated clients with nothing overdue any
/// more are restored the same way.
/// </summary>
public sealed class Enforcer(MikroNetDb db, IOptions<BillingOptions> options, Notifier notifier)
{
    public const string Sql = """
        WITH newly_overdue AS (
            UPDATE invoices SET status = 'overdue', updated_at = @now
            WHERE status <> 'overdue' AND invoice_is_overdue(status, due_date, @as_of, @grace)
            RETURNING client_id
        ),
        -- Read from the statement's snapshot, which does not see newly_overdue's update: the predicate also
        -- counts invoices past their grace that are not marked yet.
        overdue_clients AS (
            SELECT DISTINCT i.client_id FROM invoices i
            WHERE invoice_is_overdue(i.status, i.due_date, @as_of, @grace)
        ),
        isolated AS (
            UPDATE clients c SET isolated_at = @now, updated_at = @now, provisioning_state = 'pending'
            WHERE c.isolated_at IS NULL AND c.deleted_at IS NULL AND c.cancelled_at IS NULL AND c.router_id IS NOT NULL
              AND c.id IN (SELECT client_id FROM overdue_clients)
            RETURNING c.id, c.router_id, c.ppp_secret_name, 1 AS isolate
        ),
        -- Heals isolations whose overdue invoices were settled or voided some other way than a payment.
        restored AS (
            UPDATE clients c SET isolated_at = NULL, updated_at = @now, provisioning_state = 'pending'
            WHERE c.isolated_at IS NOT NULL AND c.deleted_at IS NULL AND c.cancelled_at IS NULL AND c.router_id IS NOT NULL
              AND c.id NOT IN (SELECT client_id FROM overdue_clients)
            RETURNING c.id, c.router_id, c.ppp_secret_name, 0 AS isolate
        ),
        changed AS (SELECT * FROM isolated UNION ALL SELECT * FROM restored),
        -- The commands ClientRouterChanges.For decides for these switches, with RouterMessageJson's payloads
        -- ({"name": …}); RouterOutboxWritersTests holds the two equal.
        commands AS (
            INSERT INTO router_commands (router_id, client_id, kind, payload, status, attempts, next_attempt_at, created_at)
            SELECT c.router_id, c.id, k.kind, jsonb_build_object('name', c.ppp_secret_name), 'pending', 0, @now, @now
            FROM changed c
            JOIN (VALUES (1, 'sync_secret', 0), (1, 'sync_secret', 1), (2, 'kick_session', 1)) AS k(ord, kind, isolate)
              ON k.isolate = c.isolate
            ORDER BY c.id, k.ord
        ),
        audit AS (
            INSERT INTO audit_log (at, action, entity_type, entity_id)
            SELECT @now, CASE WHEN c.isolate = 1 THEN 'client.isolated' ELSE 'client.restored' END, 'client', c.id::text
            FROM changed c
        )
        SELECT (SELECT count(*) FROM newly_overdue)::int,
               (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM isolated)::int[],
               (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM restored)::int[]
        """;

    /// <summary>
    /// Cancellations whose first day without service has come (POST /client/{id}/cancel at end of period): the
    /// client is cancelled and its secret removed and its session ended (the commands ClientRouterChanges.For
    /// decides when a client stops being live), audited, in one statement.
    /// </summary>
    public const string CancellationsSql = """
        WITH cancelled AS (
            UPDATE clients c SET cancelled_at = @now, updated_at = @now, provisioning_state = 'pending'
            WHERE c.cancel_on <= @as_of AND c.cancelled_at IS NULL AND c.deleted_at IS NULL
            RETURNING c.id, c.router_id, c.ppp_secret_name
        ),
        commands AS (
            INSERT INTO router_commands (router_id, client_id, kind, payload, status, attempts, next_attempt_at, created_at)
            SELECT c.router_id, c.id, k.kind, jsonb_build_object('name', c.ppp_secret_name), 'pending', 0, @now, @now
            FROM cancelled c CROSS JOIN (VALUES (1, 'remove_secret'), (2, 'kick_session')) AS k(ord, kind)
            WHERE c.router_id IS NOT NULL
            ORDER BY c.id, k.ord
        ),
        audit AS (
            INSERT INTO audit_log (at, action, entity_type, entity_id)
            SELECT @now, 'client.cancelled', 'client', c.id::text FROM cancelled c
        )
        SELECT coalesce(array_agg(id ORDER BY id), '{}')::int[] FROM cancelled
        """;

    /// <summary>
    /// Plan changes from the next period whose first period has started: next_plan_id becomes the client's plan and
    /// a sync_secret pushes its profile (what ClientRouterChanges.For decides for a live client whose plan changed).
    /// </summary>
    public const string PlanSwitchesSql = """
        WITH switched AS (
            UPDATE clients c SET plan_id = c.next_plan_id, next_plan_id = NULL, updated_at = @now,
                                 provisioning_state = 'pending'
            WHERE c.next_plan_id IS NOT NULL AND c.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM subscriptions s
                          WHERE s.client_id = c.id AND s.plan_id = c.next_plan_id AND s.status = 'active'
                            AND s.start_date <= @as_of AND @as_of <= s.end_date)
            RETURNING c.id, c.router_id, c.ppp_secret_name, c.cancelled_at, c.plan_id
        ),
        commands AS (
            INSERT INTO router_commands (router_id, client_id, kind, payload, status, attempts, next_attempt_at, created_at)
            SELECT router_id, id, 'sync_secret', jsonb_build_object('name', ppp_secret_name), 'pending', 0, @now, @now
            FROM switched WHERE router_id IS NOT NULL AND cancelled_at IS NULL
            ORDER BY id
        ),
        audit AS (
            INSERT INTO audit_log (at, action, entity_type, entity_id, data)
            SELECT @now, 'client.plan_switched', 'client', id::text, jsonb_build_object('plan_id', plan_id)
            FROM switched
        )
        SELECT coalesce(array_agg(id ORDER BY id), '{}')::int[] FROM switched
        """;

    /// <summary>A dry run makes the same statements in a transaction it rolls back: exact answer, nothing written.</summary>
    public Task<EnforcementResult> RunAsync(LocalDate asOf, Instant now, CancellationToken ct, bool dryRun = false,
        ClaimsPrincipal? user = null) =>
        BillingLock.RunAsync(db, dryRun, async () =>
        {
            int overdue;
            int[] isolated, restored;
            await using (var cmd = Command(Sql, asOf, now, options.Value.GraceDays))
            {
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                (overdue, isolated, restored) = (reader.GetInt32(0), reader.GetFieldValue<int[]>(1), reader.GetFieldValue<int[]>(2));
            }
            // A dry run's transaction is rolled back, messages included.
            await notifier.QueueAsync(NotificationEvent.ClientIsolated, [.. isolated.Select(id => (id, (int?)null))], asOf, now, ct);
            await notifier.QueueAsync(NotificationEvent.ClientRestored, [.. restored.Select(id => (id, (int?)null))], asOf, now, ct);
            await using var cancellations = Command(CancellationsSql, asOf, now);
            var cancelled = (int[])(await cancellations.ExecuteScalarAsync(ct))!;
            await using var switches = Command(PlanSwitchesSql, asOf, now);
            var switched = (int[])(await switches.ExecuteScalarAsync(ct))!;
            if (!dryRun && (overdue > 0 || isolated.Length > 0 || restored.Length > 0 || cancelled.Length > 0
                    || switched.Length > 0))
                await BillingAudit.RecordAsync(db, user, now, "billing.enforced", asOf, new
                {
                    invoices_overdue = overdue, isolated_client_ids = isolated, restored_client_ids = restored,
                    cancelled_client_ids = cancelled, plan_switched_client_ids = switched,
                }, ct);
            return new EnforcementResult(asOf, dryRun, overdue, isolated.Length, restored.Length, isolated, restored,
                cancelled, switched);
        }, ct);

    private NpgsqlCommand Command(string sql, LocalDate asOf, Instant now, int? graceDays = null)
    {
        var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("as_of", asOf.ToDateOnly());
        if (graceDays is { } grace) cmd.Parameters.AddWithValue("grace", grace);
        cmd.Parameters.AddWithValue("now", now.ToDateTimeUtc());
        return cmd;
    }
}
