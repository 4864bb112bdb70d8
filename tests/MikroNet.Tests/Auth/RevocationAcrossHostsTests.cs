using System.Net;
using System.Net.Http.Headers;
using Alba;
using MikroNet.Infrastructure.Security;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

/// <summary>Two hosts on one database, as in a deployment behind a load balancer.</summary>
public sealed class RevocationAcrossHostsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Logout_OnOneHost_IsRefusedByTheOtherAtOnce()
    {
        await using var other = await app.StartHostAsync();
        var otherSet = other.Services.GetRequiredService<RevokedTokens>();
        await ProvisioningFixture.EventuallyAsync(() => otherSet.IsCurrent, TimeSpan.FromSeconds(10), "listening");
        await app.Api.AdminTokenAsync();
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++) tokens.Add(await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword));
        foreach (var token in tokens) (await GetClientsAsync(other, token)).ShouldBe(HttpStatusCode.OK);

        foreach (var token in tokens.Take(5))
        {
            (await app.Api.As(token).LogoutAsync()).Status.ShouldBe(200);
            (await GetClientsAsync(other, token)).ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Five at once.
        var logouts = await Task.WhenAll(tokens.Skip(5).Select(t => app.Api.As(t).LogoutAsync()));
        logouts.ShouldAllBe(r => r.Status == 200);
        foreach (var token in tokens)
        {
            (await GetClientsAsync(other, token)).ShouldBe(HttpStatusCode.Unauthorized);
            (await app.Api.As(token).ListClientsAsync()).Status.ShouldBe(401);
        }
        // The other host answered from its in-memory set all along, not from the database fallback.
        otherSet.IsCurrent.ShouldBeTrue();
    }

    [Fact]
    public async Task HostStartedAfterLogout_RefusesTheRevokedToken()
    {
        await app.Api.AdminTokenAsync();
        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        (await app.Api.As(token).LogoutAsync()).Status.ShouldBe(200);

        await using var later = await app.StartHostAsync();
        (await GetClientsAsync(later, token)).ShouldBe(HttpStatusCode.Unauthorized);
        await ProvisioningFixture.EventuallyAsync(() => later.Services.GetRequiredService<RevokedTokens>().IsCurrent,
            TimeSpan.FromSeconds(10), "the new host loaded the revoked tokens");
        (await GetClientsAsync(later, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_WhileTheOtherHostIsNotListening_IsRefusedThroughTheDatabase()
    {
        await using var other = await app.StartHostAsync();
        var revoked = other.Services.GetRequiredService<RevokedTokens>();
        await ProvisioningFixture.EventuallyAsync(() => revoked.IsCurrent, TimeSpan.FromSeconds(10), "listening");
        await app.Api.AdminTokenAsync();
        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        revoked.Lost();

        (await app.Api.As(token).LogoutAsync()).Status.ShouldBe(200);
        revoked.IsCurrent.ShouldBeFalse();
        (await GetClientsAsync(other, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> GetClientsAsync(IAlbaHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/client");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Server.CreateClient().SendAsync(request);
        return response.StatusCode;
    }
}
