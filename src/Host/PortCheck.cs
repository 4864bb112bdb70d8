using System.Net;
using System.Reflection;
using System.Net.Sockets;

namespace MikroNet.Host;

/// <summary>
/// Kestrel's own answer to a port that is taken is two stack traces and a misleading "BackgroundService failed"
/// block (hosted services start before the server binds). Trying the ports first lets the host say it in one line
/// before it starts anything, PostgreSQL included.
/// </summary>
internal static class PortCheck
{
    /// <summary>The first configured port something else listens on, as one line; null when all are free or when
    /// the host runs inside another process (a test server binds no port).</summary>
    public static string? FirstPortInUse(IConfiguration configuration)
    {
        if (Assembly.GetEntryAssembly() != typeof(PortCheck).Assembly) return null;
        foreach (var url in Urls(configuration))
        {
            BindingAddress address;
            try { address = BindingAddress.Parse(url); }
            catch (FormatException) { continue; } // Kestrel reports a malformed URL itself.
            if (address.IsUnixPipe || address.Port == 0) continue;
            if (Addresses(address.Host).Any(ip => InUse(ip, address.Port)))
                return $"Port {address.Port} ({url}) is already in use: stop whatever listens there or pick another " +
                    "port with --urls (for example --urls http://localhost:5081).";
        }
        return null;
    }

    // What Kestrel binds: --urls / ASPNETCORE_URLS, else ASPNETCORE_HTTP(S)_PORTS, else its default.
    private static IEnumerable<string> Urls(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = (configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => $"http://*:{p.Trim()}")
                .Concat((configuration["https_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => $"https://*:{p.Trim()}"))
                .ToList();
            return ports.Count > 0 ? ports : ["http://localhost:5000"];
        }
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static IPAddress[] Addresses(string host) =>
        host == "localhost" ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
        : IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? [ip]
        : [IPAddress.Any]; // *, + and host names: Kestrel listens on every address

    private static bool InUse(IPAddress ip, int port)
    {
        using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // Plain SO_REUSEADDR as Kestrel's listener has it: connections of an earlier run in TIME_WAIT do not count.
        const int solSocket = 1, soReuseAddr = 2; // Linux values
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(solSocket, soReuseAddr, BitConverter.GetBytes(1));
        try
        {
            socket.Bind(new IPEndPoint(ip, port));
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse;
        }
    }
}
