using System.Diagnostics;
using System.Globalization;
using MikroNet.RouterOs;
using MikroNet.RouterOsEmulator;

// Provisions N secrets into an in-process emulator twice: awaiting each add, then with many tagged adds in flight.
// Usage: dotnet run -c Release --project bench/RouterOsBench [-- --secrets 10000 --in-flight 128 --rounds 3 --tls]
var secrets = 10_000;
var inFlight = 128;
var tls = false;
var rounds = 3;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--secrets":
            secrets = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--in-flight":
            inFlight = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--rounds":
            rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--tls":
            tls = true;
            break;
    }
}

Console.WriteLine($"{secrets} secrets, up to {inFlight} commands in flight, {(tls ? "TLS" : "plain TCP")}, {Environment.ProcessorCount} CPUs");

// Warm up both paths, then pause so tiered JIT finishes promoting the hot methods before anything is timed.
await RunAsync("warm-up", secrets, pipelined: false);
await RunAsync("warm-up", secrets, pipelined: true);
await Task.Delay(1000);

// The machine may be shared, so each mode runs several times and the median counts.
var sequential = new List<TimeSpan>();
var pipelined = new List<TimeSpan>();
for (var round = 0; round < rounds; round++)
{
    sequential.Add(await RunAsync("one at a time", secrets, pipelined: false));
    pipelined.Add(await RunAsync($"pipelined ({inFlight})", secrets, pipelined: true));
}

var sequentialMedian = Median(sequential);
var pipelinedMedian = Median(pipelined);
Console.WriteLine($"median: one at a time {sequentialMedian.TotalMilliseconds:F0} ms, pipelined {pipelinedMedian.TotalMilliseconds:F0} ms,"
    + $" speed-up {sequentialMedian / pipelinedMedian:F1}x");
return 0;

async Task<TimeSpan> RunAsync(string label, int count, bool pipelined)
{
    await using var emulator = await RouterOsEmulator.StartAsync(new EmulatorOptions { Username = "admin", Password = "bench", Tls = tls });
    var endpoint = new RouterEndpoint("127.0.0.1", emulator.Port, tls, "admin", "bench", emulator.CertificateFingerprint);
    await using var connection = await RouterOsConnection.ConnectAsync(endpoint);

    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var allocatedBefore = GC.GetTotalAllocatedBytes();
    var watch = Stopwatch.StartNew();
    if (pipelined)
    {
        // Each lane awaits its own adds one after another, so exactly `inFlight` commands share the connection.
        var next = -1;
        var lanes = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await AddAsync(connection, i);
            }
        });
        await Task.WhenAll(lanes);
    }
    else
    {
        for (var i = 0; i < count; i++)
        {
            await AddAsync(connection, i);
        }
    }

    watch.Stop();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
    if (emulator.Secrets.Count != count)
    {
        throw new InvalidOperationException($"Expected {count} secrets, the emulator holds {emulator.Secrets.Count}.");
    }

    Console.WriteLine(
        $"{label,-16} {watch.Elapsed.TotalMilliseconds,7:F0} ms {count / watch.Elapsed.TotalSeconds,8:F0} adds/s"
        + $" {cpu.TotalMicroseconds / count,6:F1} µs CPU/add {allocated / count,6} B/add (client + emulator)");
    return watch.Elapsed;
}

static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

static Task<string> AddAsync(RouterOsConnection connection, int i) => connection.AddAsync("/ppp/secret", new Dictionary<string, string>
{
    ["name"] = $"user{i:D6}",
    ["password"] = "pw" + i.ToString(CultureInfo.InvariantCulture),
    ["service"] = "pppoe",
    ["profile"] = "default",
    ["comment"] = "client=" + i.ToString(CultureInfo.InvariantCulture),
});
