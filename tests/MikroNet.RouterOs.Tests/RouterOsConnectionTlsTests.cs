using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests;

public class RouterOsConnectionTlsTests
{
    [Fact]
    public async Task ConnectAsync_SelfSignedCertificateWithMatchingFingerprint_Connects()
    {
        await using var router = await TestRouter.StartAsync(o => o.Tls = true);

        await using var connection = await router.ConnectAsync();

        (await connection.GetIdentityAsync()).ShouldBe("MikroTik");
    }

    [Fact]
    public async Task ConnectAsync_FingerprintWithColonsAndLowercase_Connects()
    {
        await using var router = await TestRouter.StartAsync(o => o.Tls = true);
        var pinned = string.Join(':', router.Emulator.CertificateFingerprint!.Chunk(2).Select(c => new string(c))).ToLowerInvariant();

        await using var connection = await RouterOsConnection.ConnectAsync(router.Endpoint with { TlsFingerprint = pinned }, TestRouter.Fast);

        connection.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task ConnectAsync_WrongFingerprint_ThrowsCertificateException()
    {
        await using var router = await TestRouter.StartAsync(o => o.Tls = true);

        await Should.ThrowAsync<RouterOsCertificateException>(() => RouterOsConnection.ConnectAsync(
            router.Endpoint with { TlsFingerprint = new string('A', 64) }, TestRouter.Fast));
    }

    [Fact]
    public async Task ConnectAsync_SelfSignedCertificateWithoutFingerprint_ThrowsCertificateException()
    {
        await using var router = await TestRouter.StartAsync(o => o.Tls = true);

        await Should.ThrowAsync<RouterOsCertificateException>(() => RouterOsConnection.ConnectAsync(
            router.Endpoint with { TlsFingerprint = null }, TestRouter.Fast));
    }
}
