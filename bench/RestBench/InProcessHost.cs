namespace MikroNet.RestBench;

/// <summary>The host on a background thread of this process, for <see cref="RequestCounter"/> to watch.</summary>
internal static class InProcessHost
{
    public static async Task<string> StartAsync(string connectionString, string folder, string signingKey)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var entry = typeof(global::Program).Assembly.EntryPoint!;
        string[] args =
        [
            "--urls", url, "--environment", "Production",
            "--ConnectionStrings:Postgres", connectionString, "--Storage:DataDirectory", Path.Combine(folder, "data-counting"),
            "--Logging:LogLevel:Default", "Warning", "--Billing:Enabled", "false", "--Provisioning:WorkerEnabled", "false",
            "--Auth:SigningKey", signingKey,
        ];
        var thread = new Thread(() => ((Task)entry.Invoke(null, [args])!).GetAwaiter().GetResult()) { IsBackground = true };
        thread.Start();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; i < 480; i++)
        {
            if (!thread.IsAlive) throw new InvalidOperationException("The in-process host stopped while starting.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return url;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The in-process host did not become ready.");
    }
}
