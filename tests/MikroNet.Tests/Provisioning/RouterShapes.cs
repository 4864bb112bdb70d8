using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Outbox;
using MikroNet.RouterOs;
using MikroNet.RouterOsEmulator;
using MikroNet.Tests.Fixtures;
using RegisterRouter = MikroNet.Features.Routers.RegisterRouter;

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
        var routerId = await app.Api.AddRouterAsync(new RegisterRouter.Request
        {
            Name = name, Host = "127.0.0.1", Port = emulator.Port, UseTls = emulator.Options.Tls,
            Username = ProvisioningFixture.RouterUser, Password = ProvisioningFixture.RouterPassword,
            TlsFingerprint = emulator.CertificateFingerprint, Encoding = emulator.Options.Encoding,
        });
        return (emulator, routerId);
    }

    /// <summary>A connection of the test's own, as an operator at the router would make changes by hand.</summary>
    public static Task<RouterOsConnection> ConnectAsync(RouterOsEmulator.RouterOsEmulator emulator) =>
        RouterOsConnection.ConnectAsync(new RouterEndpoint("127.0.0.1", emulator.Port,
            emulator.Options.Tls, ProvisioningFixture.RouterUser, ProvisioningFixture.RouterPassword,
            emulator.CertificateFingerprint, emulator.Options.Encoding));

    /// <summary>Waits until the worker has nothing pending for the router (done or failed for good).</summary>
    public static Task WaitForOutboxAsync(ProvisioningFixture app, int routerId) =>
        ProvisioningFixture.EventuallyAsync(async () =>
        {
            await using var db = app.Db();
            return !await db.RouterCommands.AnyAsync(c => c.RouterId == routerId && c.Status == OutboxStatus.Pending);
        }, TimeSpan.FromSeconds(10), "the outbox delivered everything for the router");
}
