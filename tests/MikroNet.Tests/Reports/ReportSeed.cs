using Npgsql;

namespace MikroNet.Tests.Reports;

/// <summary>
/// Generated money data for the report tests and bench/ReportBench, set-based SQL on an empty database. Three
/// routers, three plans (one quarterly with a price in cents), clients spread over them with every state (disabled,
/// isolated, deleted, not renewing) and some hostile names; periods from 2025-12 on, invoices raised 4 days before a
/// period starts and due 9 days after; per invoice one of: paid at once, paid in two halves plus a refunded payment,
/// half paid, unpaid, void. Only payments dated by @today exist; amounts paid and statuses follow from them.
/// A few outbox commands are failing or retrying.
/// </summary>
public static class ReportSeed
{
    public static readonly DateOnly Today = new(2026, 11, 25);
    public const int GraceDays = 3;

    public static async Task SeedAsync(string connectionString, int clients, int months = 12)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(Sql, conn, tx) { CommandTimeout = 1200 };
        cmd.Parameters.AddWithValue("clients", clients);
        cmd.Parameters.AddWithValue("months", months);
        cmd.Parameters.AddWithValue("today", Today);
        cmd.Parameters.AddWithValue("grace", GraceDays);
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", conn) { CommandTimeout = 1200 };
        await analyze.ExecuteNonQueryAsync();
    }

    private const string Sql = """
        INSERT INTO routers (name, host, port, use_tls, username, password_protected, created_at, updated_at)
        SELECT n, '127.0.0.1', 8728, false, 'api', 'not-a-real-ciphertext', now(), now()
        FROM unnest(ARRAY['rpt-north', 'rpt-south', 'rpt-east']) n;
        INSERT INTO plans (name, price, period_months, ppp_profile, created_at, updated_at) VALUES
            ('Rpt Home 10M', 150000, 1, 'rpt-10m', now(), now()),
            ('Rpt Home 20M', 250000, 1, 'rpt-20m', now(), now()),
            ('Rpt Biz 50M', 1200000.50, 3, 'rpt-50m', now(), now());

        CREATE TEMP TABLE rpt_plans ON COMMIT DROP AS
            SELECT id, price, period_months, row_number() OVER (ORDER BY id) - 1 AS ord FROM plans WHERE name LIKE 'Rpt %';
        CREATE TEMP TABLE rpt_routers ON COMMIT DROP AS
            SELECT id, row_number() OVER (ORDER BY id) - 1 AS ord FROM routers WHERE name LIKE 'rpt-%';

        INSERT INTO clients (name, phone_number, address, ppp_secret_name, ppp_password_protected, router_id, plan_id,
            status, isolated_at, auto_renew, anchor_date, provisioning_state, created_at, updated_at, deleted_at)
        SELECT CASE g % 50 WHEN 1 THEN 'Budi, "the boss" ' || g WHEN 2 THEN '=HYPERLINK("x") ' || g
                           WHEN 3 THEN E'Sari\nline two ' || g ELSE 'Client ' || lpad(g::text, 6, '0') END,
               '+62812' || lpad(g::text, 7, '0'), 'Jl. Seed ' || g, 'rpt-' || g, 'not-a-real-ciphertext',
               r.id, p.id, CASE WHEN g % 11 = 0 THEN 'disabled' ELSE 'active' END,
               CASE WHEN g % 13 = 0 THEN timestamptz '2026-11-01 00:00Z' END, g % 19 <> 0,
               date '2025-12-01' + g % 28, 'synced', now(), now(),
               CASE WHEN g % 17 = 0 THEN timestamptz '2026-10-01 00:00Z' END
        FROM generate_series(1, @clients) g
        JOIN rpt_plans p ON p.ord = g % 3
        JOIN rpt_routers r ON r.ord = (g / 3) % 3;

        INSERT INTO subscriptions (client_id, plan_id, period_index, start_date, end_date, price, status, created_at)
        SELECT c.id, p.id, k, (c.anchor_date + make_interval(months => k * p.period_months))::date,
               (c.anchor_date + make_interval(months => (k + 1) * p.period_months))::date - 1, p.price, 'active', now()
        FROM clients c JOIN rpt_plans p ON p.id = c.plan_id, generate_series(0, @months - 1) k
        WHERE k < @months / p.period_months
          AND (c.anchor_date + make_interval(months => k * p.period_months))::date - 4 <= @today;

        INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind, invoice_date,
            due_date, total_amount, amount_paid, status, created_at, updated_at)
        SELECT 'INV-' || y || '-' || lpad(n::text, 7, '0'), y, n, client_id, id, 'period', invoice_date, due_date, price, 0,
               CASE WHEN h = 9 THEN 'void' ELSE 'pending' END, now(), now()
        FROM (SELECT s.*, s.start_date - 4 AS invoice_date, s.start_date + 9 AS due_date,
                     extract(year FROM s.start_date - 4)::int AS y, (s.client_id * 7 + s.period_index * 3) % 10 AS h,
                     row_number() OVER (PARTITION BY extract(year FROM s.start_date - 4) ORDER BY s.id) AS n
              FROM subscriptions s) x;

        INSERT INTO payments (invoice_id, amount, payment_date, payment_method, status, reference, created_at)
        SELECT id, amount, payment_date, (ARRAY['cash', 'bank_transfer', 'e_wallet', 'credit_card', 'other'])[1 + (client_id + k) % 5],
               status, 'RPT-' || id || '-' || k, now()
        FROM (
            SELECT i.id, i.client_id, 0 AS k, i.total_amount AS amount, i.invoice_date + i.client_id % 20 AS payment_date,
                   'success' AS status, (i.client_id * 7 + s.period_index * 3) % 10 AS h
            FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id
            UNION ALL
            SELECT i.id, i.client_id, k, round(i.total_amount / 2, 2) + CASE WHEN k = 2 THEN i.total_amount - 2 * round(i.total_amount / 2, 2) ELSE 0 END,
                   i.invoice_date + CASE k WHEN 1 THEN 2 ELSE 30 END, 'success', (i.client_id * 7 + s.period_index * 3) % 10
            FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id, generate_series(1, 2) k
            UNION ALL
            SELECT i.id, i.client_id, 3, 10000, i.invoice_date + 1, 'refunded', (i.client_id * 7 + s.period_index * 3) % 10
            FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id
            UNION ALL
            SELECT i.id, i.client_id, 4, round(i.total_amount / 2, 2), i.invoice_date + 5, 'success', (i.client_id * 7 + s.period_index * 3) % 10
            FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id
        ) planned
        WHERE payment_date <= @today
          AND ((h BETWEEN 0 AND 4 AND k = 0) OR (h = 5 AND k IN (1, 2, 3)) OR (h = 6 AND k = 4));

        UPDATE invoices i SET amount_paid = x.paid
        FROM (SELECT invoice_id, sum(amount) AS paid FROM payments WHERE status = 'success' GROUP BY invoice_id) x
        WHERE x.invoice_id = i.id;
        UPDATE invoices SET status = CASE
            WHEN amount_paid = total_amount THEN 'paid'
            WHEN due_date + @grace < @today THEN 'overdue'
            WHEN amount_paid > 0 THEN 'partially_paid' ELSE 'pending' END
        WHERE status <> 'void';

        INSERT INTO router_commands (router_id, client_id, kind, payload, status, attempts, next_attempt_at, last_error, created_at, completed_at)
        SELECT r.id, NULL, 'sync_secret', '{}', s, 1, now(), e, now(), NULL
        FROM rpt_routers r,
             (VALUES ('failed', 'refused'), ('pending', 'unreachable'), ('pending', NULL), ('done', NULL)) AS v (s, e);
        """;
}
