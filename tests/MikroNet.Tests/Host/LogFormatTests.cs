using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>The host as a process with <c>Logging:Format=json</c>, its standard output read line by line.</summary>
public sealed class LogFormatTests
{
    [Fact]
    public async Task Logs_JsonFormat_EveryLineIsJsonAndARequestsLinesCarryItsTraceId()
    {
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "mikronet-logs-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await RunAsync(port, data);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RunAsync(int port, string data)
    {
        using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await TestPostgres.CreateDatabaseAsync(),
            ["Storage__DataDirectory"] = data,
            ["Logging__Format"] = "json",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        }, "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ProvisioningFixture.EventuallyAsync(async () =>
        {
            try { return (await http.GetAsync("/health/live")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromMinutes(1), "the host answers");

        using var refused = await http.GetAsync("/client");
        var traceId = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("trace_id").GetString();
        await ProvisioningFixture.EventuallyAsync(() => host.Output.Contains(traceId!), TimeSpan.FromSeconds(10), "the request is logged");
        host.StopCleanly();
        await host.ExitCodeAsync(TimeSpan.FromMinutes(1));

        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        entries.Where(e => !HasProperty(e, "Timestamp") || !HasProperty(e, "LogLevel")).ShouldBeEmpty();
        var ofRequest = entries.Where(e => e.GetRawText().Contains(traceId!)).ToList();
        ofRequest.ShouldNotBeEmpty();
        ofRequest.Where(e => !e.GetProperty("Scopes").EnumerateArray()
            .Any(s => s.ValueKind == JsonValueKind.Object && HasProperty(s, "TraceId"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Logs_UnknownFormat_RefusesToStart()
    {
        using var host = HostProcess.Start(new Dictionary<string, string> { ["Logging__Format"] = "xml" },
            "--urls", $"http://127.0.0.1:{FreePort()}");
        (await host.ExitCodeAsync(TimeSpan.FromMinutes(1))).ShouldNotBe(0);
        host.Output.ShouldContain("Logging:Format must be text or json");
    }

    private static bool HasProperty(JsonElement element, string name) => element.TryGetProperty(name, out _);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
