using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MikroNet.Tests.Notifications;

/// <summary>One message as the fake gateway received it.</summary>
public sealed record ProviderCall(string Path, string Token, string To, string Message);

/// <summary>
/// A WhatsApp/SMS gateway in process (Kestrel on a loopback port), answering like Fonnte: 200 with
/// {"status":true} when it takes a message. <see cref="FailNext"/> makes the next calls answer 503;
/// a recipient starting with +6289 is refused for good (200 with status false and a reason).
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    public const string Token = "provider-TEST-token-77c2";

    private WebApplication? _app;
    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<ProviderCall> Calls { get; } = new();
    public int Attempts;
    public int FailNext;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{channel}/send", async (HttpContext http, string channel) =>
        {
            Interlocked.Increment(ref Attempts);
            if (Interlocked.Decrement(ref FailNext) >= 0) return Results.StatusCode(503);
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var to = body.RootElement.GetProperty("target").GetString()!;
            if (to.StartsWith("6289")) return Results.Json(new { status = false, reason = "invalid target" });
            Calls.Enqueue(new ProviderCall(channel, http.Request.Headers.Authorization.ToString(), to,
                body.RootElement.GetProperty("message").GetString()!));
            return Results.Json(new { status = true, detail = "success! message in queue" });
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
