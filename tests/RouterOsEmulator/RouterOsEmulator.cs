using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MikroNet.RouterOsEmulator.Menus;
using MikroNet.RouterOsEmulator.State;
using MikroNet.RouterOsEmulator.Wire;

namespace MikroNet.RouterOsEmulator;

/// <summary>
/// A RouterOS API server on loopback for tests and local development. Its state survives
/// <see cref="StopAsync"/> / <see cref="StartAgainAsync"/>, so a test can take the "router" down and bring it back.
/// </summary>
public sealed partial class RouterOsEmulator : IAsyncDisposable
{
    private readonly RouterState _state;
    private readonly Dictionary<string, IMenu> _menus;
    private readonly ConcurrentDictionary<EmulatorSession, Task> _sessions = new();
    private readonly ConcurrentDictionary<string, long> _commandCounts = new(StringComparer.Ordinal);
    private readonly ByteText _text;
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;
    private Task _acceptLoop = Task.CompletedTask;
    private long _commandsReceived;
    private long _connectionsAccepted;

    private RouterOsEmulator(EmulatorOptions options)
    {
        Options = options;
        _text = new ByteText(options.Encoding);
        _state = new RouterState(_text);
        _menus = new IMenu[] { PppMenus.Secret(), PppMenus.Profile(), PppMenus.Active(), new IdentityMenu(), new ResourceMenu() }
            .ToDictionary(menu => menu.Path, StringComparer.Ordinal);
        Certificate = options.Tls ? SelfSignedCertificate.Create() : null;
    }

    public EmulatorOptions Options { get; }

    /// <summary>The port actually listened on; stays the same across restarts.</summary>
    public int Port { get; private set; }

    public X509Certificate2? Certificate { get; }

    /// <summary>SHA-256 of the TLS certificate as uppercase hex, the form <c>RouterEndpoint.TlsFingerprint</c> takes.</summary>
    public string? CertificateFingerprint => Certificate?.GetCertHashString(HashAlgorithmName.SHA256);

    public bool IsRunning => _listener is not null;

    public static async Task<RouterOsEmulator> StartAsync(EmulatorOptions? options = null)
    {
        var emulator = new RouterOsEmulator(options ?? new EmulatorOptions());
        emulator.Port = options?.Port ?? 0;
        await emulator.StartAgainAsync();
        return emulator;
    }

    /// <summary>Listens again on the same port with the same state, after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync()
    {
        if (_listener is not null)
        {
            return Task.CompletedTask;
        }

        var listener = new TcpListener(Options.Address, Port);
        AllowRebindOverTimeWait(listener.Server);
        listener.Start(backlog: 512);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _accepting = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(listener, _accepting.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The previous run's connections linger in TIME_WAIT on this port, which only SO_REUSEADDR lets a listener
    /// bind over. .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which would let two listeners share
    /// a port silently; the plain socket option keeps "address already in use" for a port someone listens on.
    /// </summary>
    private static void AllowRebindOverTimeWait(Socket socket)
    {
        const int solSocket = 1, soReuseAddr = 2; // Linux values
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(solSocket, soReuseAddr, BitConverter.GetBytes(1));
    }

    /// <summary>Stops listening and resets every open connection, like a router going down.</summary>
    public async Task StopAsync()
    {
        if (_listener is null)
        {
            return;
        }

        await _accepting!.CancelAsync();
        _listener.Stop();
        _listener = null;
        await _acceptLoop;
        _accepting.Dispose();
        DropAllConnections();
        await Task.WhenAll(_sessions.Values);
    }

    /// <summary>Resets every open connection but keeps listening.</summary>
    public void DropAllConnections()
    {
        foreach (var session in _sessions.Keys)
        {
            session.Abort();
        }
    }

    public int OpenConnections => _sessions.Count;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Certificate?.Dispose();
    }

    internal void Count(string command)
    {
        Interlocked.Increment(ref _commandsReceived);
        _commandCounts.AddOrUpdate(command, 1, (_, count) => count + 1);
    }

    internal void Forget(EmulatorSession session) => _sessions.TryRemove(session, out _);

    internal List<string[]> Execute(Request request)
    {
        var slash = request.Command.LastIndexOf('/');
        if (slash <= 0 || !_menus.TryGetValue(request.Command[..slash], out var menu))
        {
            return Reply.Failure(TrapMessages.NoSuchCommandPrefix);
        }

        lock (_state.Sync)
        {
            return menu.Execute(request.Command[(slash + 1)..], request, _state, Options)
                ?? Reply.Failure(TrapMessages.NoSuchCommand);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connectionsAccepted);
            if (Options.RefuseConnections)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (Certificate is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsServerAsync(Certificate).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or TimeoutException)
            {
                await ssl.DisposeAsync();
                return;
            }

            stream = ssl;
        }

        var session = new EmulatorSession(this, socket, stream, _text);
        var completion = new TaskCompletionSource();
        _sessions[session] = completion.Task;
        try
        {
            await session.RunAsync();
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            completion.SetResult();
        }
    }
}
