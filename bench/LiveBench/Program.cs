using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MikroNet.RestBench;
using MikroNet.Tests.Graph;
using Npgsql;

namespace MikroNet.LiveBench;

/// <summary>
/// 1,000 open subscriptions on one host (its own process), one per client on 1,000 WebSocket connections, then
/// changes written to the database as any writer would (an UPDATE, committed) and the time until the subscriber
/// holds the event: p50/p99/max over the paced events, and the time until all 1,000 subscribers have the events
/// of one statement that changes every client.
/// `dotnet run -c Release --project bench/LiveBench [-- subscriptions events rate]`
/// </summary>
internal static class Program
{
    private const string Subscription =
        "subscription($id: Int!) { clientChanged(clientId: $id) { id clientId name status provisioning { state } } }";

    private static async Task<int> Main(string[] args)
    {
        var subscriptions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var events = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        Console.WriteLine($"{Environment.ProcessorCount} CPUs, {subscriptions} subscriptions, {events} events at {rate}/s; load before: {Uptime()}");

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mikronet-livebench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        await using var db = await BenchDatabase.StartAsync();
        await using var host = await HostProcess.StartAsync(db.ConnectionString, folder, key, ["--Provisioning:WorkerEnabled", "false"]);
        using var api = new BenchApi(host.Url);
        await api.SignInAsync();
        await GraphSeed.SeedAsync(db.ConnectionString, subscriptions, periods: 1, paymentsPerInvoice: 0);
        var ids = await ClientIdsAsync(db.ConnectionString);

        var arrivals = new ConcurrentDictionary<string, long>();
        var sockets = new List<Subscriber>();
        using (var gate = new SemaphoreSlim(50))
            sockets.AddRange(await Task.WhenAll(ids.Select(async id =>
            {
                await gate.WaitAsync();
                try { return await Subscriber.OpenAsync(host.Url, api.Token, id, arrivals); }
                finally { gate.Release(); }
            })));
        Console.WriteLine($"{sockets.Count} subscriptions open, host RSS {host.RssMiB():F0} MiB");

        await using var writer = new NpgsqlConnection(db.ConnectionString);
        await writer.OpenAsync();
        var random = new Random(7);
        // Warm-up: every subscriber gets one event (first renders compile the selection's resolvers).
        await UpdateAsync(writer, "UPDATE clients SET name = 'warm-' || id");
        await WaitAsync(() => arrivals.Count >= ids.Length, "warm-up events");

        var sent = new Dictionary<string, long>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var cpuBefore = host.CpuSeconds();
        for (var k = 0; k < events; k++)
        {
            var name = "live-" + k.ToString(CultureInfo.InvariantCulture);
            var id = ids[random.Next(ids.Length)];
            sent[name] = Stopwatch.GetTimestamp();
            await UpdateAsync(writer, $"UPDATE clients SET name = '{name}' WHERE id = {id}");
            var due = interval * (k + 1) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
        }
        await WaitAsync(() => sent.Keys.All(arrivals.ContainsKey), "every paced event");
        var hostCpu = (host.CpuSeconds() - cpuBefore) / events * 1000;
        var latencies = sent.Select(s => Stopwatch.GetElapsedTime(s.Value, arrivals[s.Key]).TotalMilliseconds).Order().ToList();

        // One statement changes every client: all subscribers' events at once.
        var burstStart = Stopwatch.GetTimestamp();
        await UpdateAsync(writer, "UPDATE clients SET name = 'burst-' || id");
        await WaitAsync(() => ids.All(id => arrivals.ContainsKey("burst-" + id.ToString(CultureInfo.InvariantCulture))), "the burst");
        var burst = ids.Select(id => Stopwatch.GetElapsedTime(burstStart, arrivals["burst-" + id.ToString(CultureInfo.InvariantCulture)]).TotalMilliseconds)
            .Order().ToList();

        foreach (var socket in sockets) await socket.DisposeAsync();
        Console.WriteLine();
        Console.WriteLine("| measure | n | p50 | p99 | max |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Row($"one client changed ({rate}/s), commit → subscriber", latencies));
        Console.WriteLine(Row($"one UPDATE of all {ids.Length} clients, commit → each subscriber", burst));
        Console.WriteLine($"host CPU per paced event: {hostCpu:F2} ms; host RSS after: {host.RssMiB():F0} MiB; load after: {Uptime()}");
        var met = Percentile(latencies, 0.99) < 100;
        Console.WriteLine(met ? "target met (p99 < 100 ms with 1,000 subscriptions)" : "TARGET MISSED (p99 < 100 ms)");
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return met ? 0 : 1;
    }

    private static string Row(string what, List<double> sorted) => string.Format(CultureInfo.InvariantCulture,
        "| {0} | {1} | {2:F1} ms | {3:F1} ms | {4:F1} ms |", what, sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.99), sorted[^1]);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<int[]> ClientIdsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM clients ORDER BY id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var ids = new List<int>();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
        return [.. ids];
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Not received within 60 s: {what}");
            await Task.Delay(5);
        }
    }

    private static string Uptime() => File.ReadAllText("/proc/loadavg").Split(' ') is var f ? $"{f[0]} {f[1]} {f[2]}" : "";

    /// <summary>One WebSocket connection with one clientChanged subscription; notes when each named event arrives.</summary>
    private sealed class Subscriber(ClientWebSocket socket, Task receiving) : IAsyncDisposable
    {
        public static async Task<Subscriber> OpenAsync(string url, string token, int clientId, ConcurrentDictionary<string, long> arrivals)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("graphql-transport-ws");
            await socket.ConnectAsync(new Uri(url.Replace("http://", "ws://", StringComparison.Ordinal) + "/graphql"), CancellationToken.None);
            await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
            var ack = await ReceiveAsync(socket);
            if (ack?.GetProperty("type").GetString() != "connection_ack") throw new InvalidOperationException($"No ack: {ack}");
            await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Subscription, variables = new { id = clientId } } });
            return new Subscriber(socket, ReceiveLoopAsync(socket, arrivals));
        }

        private static async Task ReceiveLoopAsync(ClientWebSocket socket, ConcurrentDictionary<string, long> arrivals)
        {
            while (await ReceiveAsync(socket) is { } message)
            {
                var at = Stopwatch.GetTimestamp();
                if (message.GetProperty("type").GetString() != "next") continue;
                var client = message.GetProperty("payload").GetProperty("data").GetProperty("clientChanged");
                arrivals.TryAdd(client.GetProperty("name").GetString()!, at);
            }
        }

        private static Task SendAsync(ClientWebSocket socket, object message) =>
            socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

        private static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    return null;
                }
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage) return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                await receiving;
            }
            catch (WebSocketException)
            {
            }
            socket.Dispose();
        }
    }
}
