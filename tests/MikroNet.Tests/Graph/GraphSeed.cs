using Npgsql;

namespace MikroNet.Tests.Graph;

/// <summary>
/// Inserts a client → subscription → invoice → payment tree with set-based SQL (also used by bench/GraphBench).
/// Every third client is named "… Doe", every fifth is disabled, every seventh is isolated; subscription k of a
/// client starts on 2026-01-01 + k months; each invoice of 150000 gets the given number of 50000 payments.
/// </summary>
public static class GraphSeed
{
    public static async Task SeedAsync(string connectionString, int clients, int periods, int paymentsPerInvoice)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("clients", clients);
        cmd.Parameters.AddWithValue("periods", periods);
        cmd.Parameters.AddWithValue("payments", paymentsPerInvoice);
        cmd.CommandTimeout = 300;
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private const string Sql = """
        INSERT INTO routers (name, host, port, use_tls, username, password_protected, created_at, updated_at)
        SELECT 'seed-router', '127.0.0.1', 8728, false, 'api', 'not-a-real-ciphertext', now(), now()
        WHERE NOT EXISTS (SELECT 1 FROM routers WHERE name = 'seed-router');
        INSERT INTO plans (name, price, period_months, ppp_profile, rate_limit, created_at, updated_at)
        SELECT 'Seed 20M', 150000, 1, 'seed-20m', '20M/20M', now(), now()
        WHERE NOT EXISTS (SELECT 1 FROM plans WHERE name = 'Seed 20M');

        CREATE TEMP TABLE seeded ON COMMIT DROP AS SELECT 0 AS id LIMIT 0;
        WITH r AS (SELECT id FROM routers WHERE name = 'seed-router'),
             p AS (SELECT id FROM plans WHERE name = 'Seed 20M'),
             n AS (SELECT coalesce(max(id), 0) AS base FROM clients),
             ins AS (
                INSERT INTO clients (name, phone_number, address, ppp_secret_name, ppp_password_protected, router_id,
                    plan_id, status, isolated_at, auto_renew, anchor_date, provisioning_state, created_at, updated_at)
                SELECT CASE WHEN g % 3 = 0 THEN 'Jane Doe ' ELSE 'Client ' END || lpad((n.base + g)::text, 5, '0'),
                       '0812' || lpad(g::text, 7, '0'), 'Jl. Seed ' || g, 'seed-' || (n.base + g), 'not-a-real-ciphertext',
                       r.id, p.id, CASE WHEN g % 5 = 0 THEN 'disabled' ELSE 'active' END,
                       CASE WHEN g % 7 = 0 THEN timestamptz '2026-11-01 00:00Z' END, true, date '2026-01-01', 'synced',
                       now(), now()
                FROM generate_series(1, @clients) g, r, p, n
                RETURNING id)
        INSERT INTO seeded SELECT id FROM ins;

        CREATE TEMP TABLE seeded_subs ON COMMIT DROP AS SELECT 0 AS id LIMIT 0;
        WITH p AS (SELECT id FROM plans WHERE name = 'Seed 20M'),
             ins AS (
                INSERT INTO subscriptions (client_id, plan_id, period_index, start_date, end_date, price, status, created_at)
                SELECT s.id, p.id, k, (date '2026-01-01' + make_interval(months => k))::date,
                       (date '2026-01-01' + make_interval(months => k + 1) - interval '1 day')::date, 150000, 'active', now()
                FROM seeded s, p, generate_series(0, @periods - 1) k
                RETURNING id)
        INSERT INTO seeded_subs SELECT id FROM ins;

        CREATE TEMP TABLE seeded_invoices ON COMMIT DROP AS SELECT 0 AS id LIMIT 0;
        WITH base AS (SELECT coalesce(max(number_sequence), 0) AS n FROM invoices WHERE number_year = 2026),
             ins AS (
                INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind,
                    invoice_date, due_date, total_amount, amount_paid, status, created_at, updated_at)
                SELECT 'INV-2026-' || lpad((base.n + row_number() OVER (ORDER BY s.id))::text, 6, '0'), 2026,
                       base.n + row_number() OVER (ORDER BY s.id), s.client_id, s.id, 'period',
                       s.start_date - 4, s.start_date + 9, 150000, least(150000, 50000 * @payments),
                       CASE WHEN 50000 * @payments >= 150000 THEN 'paid'
                            WHEN @payments > 0 THEN 'partially_paid' ELSE 'pending' END, now(), now()
                FROM subscriptions s JOIN seeded_subs x ON x.id = s.id, base
                RETURNING id)
        INSERT INTO seeded_invoices SELECT id FROM ins;

        INSERT INTO payments (invoice_id, amount, payment_date, payment_method, status, reference, created_at)
        SELECT i.id, 50000, i.invoice_date + k, CASE WHEN k % 2 = 0 THEN 'bank_transfer' ELSE 'cash' END, 'success',
               'REF-' || i.id || '-' || k, now()
        FROM invoices i JOIN seeded_invoices x ON x.id = i.id, generate_series(1, @payments) k;
        """;
}
