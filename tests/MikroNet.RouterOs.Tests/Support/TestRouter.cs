using MikroNet.RouterOs;
using MikroNet.RouterOsEmulator;
using EmulatorServer = MikroNet.RouterOsEmulator.RouterOsEmulator;

namespace MikroNet.RouterOs.Tests.Support;

/// <summary>An emulator on a free loopback port plus the endpoint that reaches it.</summary>
internal sealed class TestRouter : IAsyncDisposable
{
    public const string Password = "s3cret=with=equals";

    private TestRouter(EmulatorServer emulator) => Emulator = emulator;

    public EmulatorServer Emulator { get; }

    public RouterEndpoint Endpoint => new(
        "127.0.0.1",
        Emulator.Port,
        Emulator.Options.Tls,
        Emulator.Options.Username,
        Password,
        Emulator.CertificateFingerprint,
        Emulator.Options.Encoding);

    public static async Task<TestRouter> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Port = 0, Username = "admin", Password = Password };
        configure?.Invoke(options);
        return new TestRouter(await EmulatorServer.StartAsync(options));
    }

    public Task<RouterOsConnection> ConnectAsync(RouterOsClientOptions? options = null) =>
        RouterOsConnection.ConnectAsync(Endpoint, options ?? Fast);

    public static RouterOsClientOptions Fast { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
