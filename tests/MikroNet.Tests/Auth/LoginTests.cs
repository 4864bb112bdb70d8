using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

public sealed class LoginTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Login_WrongPassword_Returns401()
    {
        await app.Api.AdminTokenAsync();
        var response = await app.Api.Anonymous.LoginAsync(AppFixture.AdminUser, "wrong-password");
        response.Status.ShouldBe(401);
        response.Text.ShouldContain("Invalid username or password");
    }

    [Fact]
    public async Task Login_UnknownUser_Returns401()
    {
        (await app.Api.Anonymous.LoginAsync("nobody", "whatever-1")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Login_ValidCredentials_ReturnsTokenExpiringAfterLifetime()
    {
        await app.Api.AdminTokenAsync();
        var response = await app.Api.Anonymous.LoginAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        response.Status.ShouldBe(200);
        response.Body.Token.Split('.').Length.ShouldBe(3);
        response.Body.ExpiresAt.ShouldBe(app.Clock.GetCurrentInstant() + Duration.FromHours(12));
        response.PropertyNames("data").ShouldInclude("token", "token_type", "expires_at", "role");
    }

    [Fact]
    public async Task Login_MissingFields_Returns400()
    {
        var response = await app.Api.Anonymous.LoginAsync(null, null);
        response.Status.ShouldBe(400);
        response.Problem.ErrorNames.ShouldBe(["username", "password"], ignoreOrder: true);
    }
}

public sealed class StrictLoginLimitFixture : AppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Auth:LoginPermitsPerMinute", "3")];
}

public sealed class LoginRateLimitTests(StrictLoginLimitFixture app) : IClassFixture<StrictLoginLimitFixture>
{
    [Fact]
    public async Task Login_BeyondPermitsPerMinute_Returns429()
    {
        var codes = new List<int>();
        for (var i = 0; i < 4; i++) codes.Add((await app.Api.Anonymous.LoginAsync("guess", "guess-" + i)).Status);
        codes.ShouldBe([401, 401, 401, 429]);
    }
}
