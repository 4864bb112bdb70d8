using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MikroNet.NotificationBench;

/// <summary>A WhatsApp gateway on loopback that takes every message at once, as Fonnte answers: {"status":true}.</summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _calls;

    public string Url { get; private set; } = "";
    public int Calls => _calls;

    public static async Task<FakeGateway> StartAsync()
    {
        var gateway = new FakeGateway();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        gateway._app = builder.Build();
        gateway._app.MapPost("/send", () =>
        {
            Interlocked.Increment(ref gateway._calls);
            return Results.Json(new { status = true });
        });
        await gateway._app.StartAsync();
        gateway.Url = gateway._app.Urls.First() + "/send";
        return gateway;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
