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
        await app.Api.AdminTokenAsync();
        var first = app.Api.As(await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword));
        var second = app.Api.As(await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword));

        (await first.ListClientsAsync()).Status.ShouldBe(200);
        (await first.LogoutAsync()).Status.ShouldBe(200);

        (await first.ListClientsAsync()).Status.ShouldBe(401);
        (await second.ListClientsAsync()).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401Problem()
    {
        var anonymous = await app.Api.Anonymous.ListClientsAsync();
        anonymous.Status.ShouldBe(401);
        anonymous.MediaType.ShouldBe("application/problem+json");
        anonymous.Text.ShouldContain("bearer token is required");
        var garbage = await app.Api.As("not.a.token").ListClientsAsync();
        garbage.Status.ShouldBe(401);
        garbage.Text.ShouldContain("invalid, expired or revoked");
    }

    [Fact]
    public async Task Request_WithTokenSignedByAnotherKey_Returns401()
    {
        var parts = (await app.Api.AdminTokenAsync()).Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        (await app.Api.As(forged).ListClientsAsync()).Status.ShouldBe(401);
    }
}

/// <summary>Its own class: moving the fake clock would expire the other tests' tokens.</summary>
public sealed class TokenExpiryTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Request_WithExpiredToken_Returns401()
    {
        var token = await app.Api.AdminTokenAsync();
        (await app.Api.As(token).ListClientsAsync()).Status.ShouldBe(200);
        app.Clock.Advance(Duration.FromHours(12) + Duration.FromSeconds(1));
        (await app.Api.As(token).ListClientsAsync()).Status.ShouldBe(401);
    }
}
