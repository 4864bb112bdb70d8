using System.Net;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

public sealed class LogoutTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Logout_RevokesThatTokenOnly()
    {
        await app.AdminTokenAsync();
        var first = await app.LoginAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        var second = await app.LoginAsync(AppFixture.AdminUser, AppFixture.AdminPassword);

        (await app.SendAsync(HttpMethod.Get, "/client", null, first)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.PostAsync("/auth/logout", new { }, first)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.SendAsync(HttpMethod.Get, "/client", null, first)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.SendAsync(HttpMethod.Get, "/client", null, second)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401Problem()
    {
        var anonymous = await app.SendAsync(HttpMethod.Get, "/client", null, null);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await anonymous.Content.ReadAsStringAsync()).ShouldContain("bearer token is required");
        var garbage = await app.SendAsync(HttpMethod.Get, "/client", null, "not.a.token");
        garbage.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await garbage.Content.ReadAsStringAsync()).ShouldContain("invalid, expired or revoked");
    }

    [Fact]
    public async Task Request_WithTokenSignedByAnotherKey_Returns401()
    {
        var token = await app.AdminTokenAsync();
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        (await app.SendAsync(HttpMethod.Get, "/client", null, forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

/// <summary>Its own class: moving the fake clock would expire the other tests' tokens.</summary>
public sealed class TokenExpiryTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Request_WithExpiredToken_Returns401()
    {
        var token = await app.AdminTokenAsync();
        (await app.SendAsync(HttpMethod.Get, "/client", null, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(Duration.FromHours(12) + Duration.FromSeconds(1));
        (await app.SendAsync(HttpMethod.Get, "/client", null, token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
