using MikroNet.RouterOsEmulator;
using MikroNet.Tests.Fixtures;
using Shouldly;

namespace MikroNet.Tests.Provisioning;

/// <summary>
/// The kinds of router the tests know: plain UTF-8, API-SSL with a pinned certificate, a router older than 6.43
/// (MD5 login), and routers configured for a code page. Each is an emulator of its own, registered through REST.
/// </summary>
internal static class RouterShapes
{
    public static readonly string[] All = ["utf-8", "tls", "legacy-login", "windows-1252", "latin1"];

    public static EmulatorOptions Options(string shape) => new()
    {
        Username = ProvisioningFixture.RouterUser,
        Password = ProvisioningFixture.RouterPassword,
        Tls = shape == "tls",
        LegacyLogin = shape == "legacy-login",
        Encoding = shape is "windows-1252" or "latin1" ? shape : null,
    };

    /// <summary>Starts an emulator of the shape and registers it; the caller disposes the emulator.</summary>
    public static async Task<(RouterOsEmulator.RouterOsEmulator Emulator, int RouterId)> StartAsync(ProvisioningFixture app, string shape, string name)
    {
        var emulator = await RouterOsEmulator.RouterOsEmulator.StartAsync(Options(shape));
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/routers", new
        {
            name, host = "127.0.0.1", port = emulator.Port, use_tls = emulator.Options.Tls,
            username = ProvisioningFixture.RouterUser, password = ProvisioningFixture.RouterPassword,
            tls_fingerprint = emulator.CertificateFingerprint, encoding = emulator.Options.Encoding,
        });
        status.ShouldBe(201, body.ToString());
        return (emulator, body.GetProperty("data").GetProperty("router_id").GetInt32());
    }
}
