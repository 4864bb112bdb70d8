using System.Diagnostics;
using MikroNet.RouterOsEmulator;
using Npgsql;

namespace MikroNet.RestBench;

/// <summary>
/// From the REST answer to the change being visible on the router (the emulator on loopback, read in this process):
/// register → secret present; disable → secret disabled and session gone; paying an isolated client's overdue
/// invoice in full → secret enabled again. One change at a time, so each is measured on its own.
/// </summary>
internal static class RouterLatency
{
    public static async Task<Dictionary<string, List<double>>> MeasureAsync(BenchApi api, string connectionString, int clients)
    {
        await using var emulator = await RouterOsEmulator.RouterOsEmulator.StartAsync(
            new EmulatorOptions { Username = "bench", Password = "router-password" });
        var router = await api.SendAsync(HttpMethod.Post, "/routers", new
        {
            name = "emulator", host = "127.0.0.1", port = emulator.Port, username = "bench", password = "router-password",
        });
        var routerId = router.GetProperty("data").GetProperty("router_id").GetInt32();
        var plan = await api.SendAsync(HttpMethod.Post, "/plans", new
        {
            name = "Bench 10M", price = 100000, period_months = 1, ppp_profile = "bench-10m", rate_limit = "10M/10M",
        });
        var planId = plan.GetProperty("data").GetProperty("plan_id").GetInt32();
        await Until(() => emulator.Profiles.Any(p => p.Name == "bench-10m"), "the plan's profile on the router");

        var results = new Dictionary<string, List<double>> { ["register"] = [], ["disable"] = [], ["restore"] = [] };
        var ids = new List<(int Id, string Name)>();
        for (var i = 0; i < clients; i++)
        {
            var name = $"bench-{i}";
            var body = await api.SendAsync(HttpMethod.Post, "/client/register", new
            {
                name = "Bench " + i, phone_number = "+6281200000", address = "Jl. Bench", ppp_secret_name = name,
                ppp_password = "ppp-password-1", router_id = routerId, plan_id = planId,
            });
            var watch = Stopwatch.StartNew();
            await Until(() => emulator.FindSecret(name) is not null, name + " on the router");
            results["register"].Add(watch.Elapsed.TotalMilliseconds);
            ids.Add((body.GetProperty("data").GetProperty("client_id").GetInt32(), name));
        }

        // Half are disabled with a live session; the other half are isolated by billing and then pay.
        var half = ids.Count / 2;
        foreach (var (id, name) in ids.Take(half))
        {
            emulator.Connect(name);
            await api.SendAsync(HttpMethod.Post, $"/client/{id}/disable");
            var watch = Stopwatch.StartNew();
            await Until(() => emulator.FindSecret(name)!.Disabled && emulator.ActiveSessions.All(a => a.Name != name),
                name + " disabled and kicked");
            results["disable"].Add(watch.Elapsed.TotalMilliseconds);
        }

        // A first invoice is never due before it is raised: move the other half's due dates back, then enforce today.
        var isolated = ids.Skip(half).ToList();
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await using var overdue = new NpgsqlCommand(
                "UPDATE invoices SET due_date = current_date - 30 WHERE client_id = ANY(@ids)", conn);
            overdue.Parameters.AddWithValue("ids", isolated.Select(c => c.Id).ToArray());
            await overdue.ExecuteNonQueryAsync();
        }
        await api.SendAsync(HttpMethod.Post, "/invoices/enforce", new { });
        await Until(() => isolated.All(c => emulator.FindSecret(c.Name)!.Disabled), "isolated clients disabled");
        foreach (var (id, name) in isolated)
        {
            var details = await api.SendAsync(HttpMethod.Get, $"/client/{id}/details");
            var invoice = details.GetProperty("data").GetProperty("subscriptions")[0].GetProperty("invoices")[0];
            await api.SendAsync(HttpMethod.Post, $"/invoices/{invoice.GetProperty("invoice_id").GetInt32()}/payments", new
            {
                amount = invoice.GetProperty("balance").GetDecimal(), payment_method = "bank_transfer",
            });
            var watch = Stopwatch.StartNew();
            await Until(() => !emulator.FindSecret(name)!.Disabled, name + " enabled again");
            results["restore"].Add(watch.Elapsed.TotalMilliseconds);
        }
        return results;
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("Not within 30 s: " + what);
            await Task.Delay(1);
        }
    }
}
