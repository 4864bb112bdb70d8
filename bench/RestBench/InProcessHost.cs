using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace MikroNet.RestBench;

/// <summary>
/// The host on a background thread of this process, for <see cref="RequestCounter"/> to watch. Disposing it stops it:
/// left running, it would listen for the database's notifications through the loads that follow, and wake for every
/// payment made through the measured host (tens of microseconds of CPU each, on the same two cores).
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDisposable? _subscription;

    private InProcessHost(string url) => Url = url;

    public string Url { get; }

    public static async Task<InProcessHost> StartAsync(string connectionString, string folder, string signingKey)
    {
        var host = new InProcessHost($"http://127.0.0.1:{Ports.Free()}");
        // The generic host announces the host it built on this listener; that is the handle to stop it by.
        using var allListeners = DiagnosticListener.AllListeners.Subscribe(host);
        var entry = typeof(global::Program).Assembly.EntryPoint!;
        string[] args =
        [
            "--urls", host.Url, "--environment", "Production",
            "--ConnectionStrings:Postgres", connectionString, "--Storage:DataDirectory", Path.Combine(folder, "data-counting"),
            "--Logging:LogLevel:Default", "Warning", "--Billing:Enabled", "false", "--Provisioning:WorkerEnabled", "false",
            "--Auth:SigningKey", signingKey,
        ];
        // The entry point of top-level statements runs the host to its end: this thread lives as long as the host.
        var thread = new Thread(() => entry.Invoke(null, [args])) { IsBackground = true };
        thread.Start();
        using var http = new HttpClient { BaseAddress = new Uri(host.Url) };
        for (var i = 0; i < 480; i++)
        {
            if (!thread.IsAlive) throw new InvalidOperationException("The in-process host stopped while starting.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode && host._built.Task.IsCompleted) return host;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The in-process host did not become ready.");
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_built.Task.IsCompleted) await (await _built.Task).StopAsync(TimeSpan.FromSeconds(10));
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.Extensions.Hosting") _subscription = listener.Subscribe(this);
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == "HostBuilt" && e.Value is IHost built) _built.TrySetResult(built);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
