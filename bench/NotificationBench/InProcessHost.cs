using System.Net;
using System.Net.Sockets;

namespace MikroNet.NotificationBench;

/// <summary>The MikroNet host on a background thread of this process, delivering to the fake gateway.</summary>
internal static class InProcessHost
{
    public static async Task<string> StartAsync(string connectionString, string folder, string gatewayUrl)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        // By name: this program's own top-level Program would hide the host's.
        var entry = System.Reflection.Assembly.Load("MikroNet.Host").EntryPoint!;
        string[] args =
        [
            "--urls", url, "--environment", "Production", "--ConnectionStrings:Postgres", connectionString,
            "--Storage:DataDirectory", Path.Combine(folder, "data"), "--Logging:LogLevel:Default", "Warning",
            "--Billing:Enabled", "false", "--Provisioning:WorkerEnabled", "false", "--Payments:ReconcileEnabled", "false",
            "--Auth:SigningKey", Convert.ToBase64String(new byte[32]),
            // The bench may run at any hour: no quiet hours, and a gateway rate far above what is measured.
            "--Notifications:QuietHours", "", "--Notifications:Providers:wa:Channel", "whatsapp",
            "--Notifications:Providers:wa:Url", gatewayUrl, "--Notifications:Providers:wa:PerMinute", "10000000",
            "--Notifications:Providers:wa:SuccessJsonProperty", "status", "--Notifications:Providers:wa:SuccessJsonValue", "true",
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
