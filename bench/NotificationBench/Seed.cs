using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using NodaTime;

namespace MikroNet.NotificationBench;

internal static class Seed
{
    /// <summary>One router and plan; N clients with an e-mail and a mobile number, each with one open invoice due on <paramref name="due"/>.</summary>
    public static Task RunAsync(MikroNetDb db, int n, LocalDate due) => db.Database.ExecuteSqlRawAsync("""
        INSERT INTO routers (name, host, port, use_tls, username, password_protected, created_at, updated_at)
        VALUES ('bench', '127.0.0.1', 8728, false, 'admin', 'x', now(), now());
        INSERT INTO plans (name, price, period_months, ppp_profile, rate_limit, created_at, updated_at)
        VALUES ('Home', 150000, 1, 'home', '10M/10M', now(), now());
        INSERT INTO clients (name, phone_number, address, ppp_secret_name, ppp_password_protected, router_id, plan_id,
                             status, auto_renew, anchor_date, provisioning_state, created_at, updated_at, email)
        SELECT 'Client ' || g, '+62812' || lpad(g::text, 7, '0'), 'Street ' || g, 'c' || g, 'x', 1, 1, 'active', true,
               '2026-11-25', 'synced', now(), now(), 'c' || g || '@example.test'
        FROM generate_series(1, @n) g;
        INSERT INTO subscriptions (client_id, plan_id, period_index, start_date, end_date, price, status, created_at)
        SELECT id, 1, 0, '2026-11-25', '2026-12-24', 150000, 'active', now() FROM clients;
        INSERT INTO invoices (number, number_year, number_sequence, client_id, subscription_id, kind, invoice_date,
                              due_date, net_amount, total_amount, amount_paid, status, created_at, updated_at)
        SELECT 'INV-2026-' || lpad(s.id::text, 6, '0'), 2026, s.id, s.client_id, s.id, 'period', '2026-11-25',
               '@due', 150000, 150000, 0, 'pending', now(), now()
        FROM subscriptions s;
        ANALYZE;
        """.Replace("@n", n.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Replace("@due", due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
}
