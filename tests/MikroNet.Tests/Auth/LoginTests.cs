using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MikroNet.Tests.Fixtures;
using NodaTime;
using NodaTime.Text;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

public sealed class LoginTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Login_WrongPassword_Returns401()
    {
        await app.AdminTokenAsync();
        var response = await app.PostAsync("/auth/login", new { username = AppFixture.AdminUser, password = "wrong-password" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Invalid username or password");
    }

    [Fact]
    public async Task Login_UnknownUser_Returns401()
    {
        var response = await app.PostAsync("/auth/login", new { username = "nobody", password = "whatever-1" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_ValidCredentials_ReturnsTokenExpiringAfterLifetime()
    {
        await app.AdminTokenAsync();
        var response = await app.PostAsync("/auth/login", new { username = AppFixture.AdminUser, password = AppFixture.AdminPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("token").GetString()!.Split('.').Length.ShouldBe(3);
        var expires = InstantPattern.ExtendedIso.Parse(body.GetProperty("expires_at").GetString()!).Value;
        expires.ShouldBe(app.Clock.GetCurrentInstant() + Duration.FromHours(12));
        body.GetProperty("data").ShouldHaveProperties("token", "token_type", "expires_at", "role");
    }

    [Fact]
    public async Task Login_MissingFields_Returns400()
    {
        var response = await app.PostAsync("/auth/login", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).ErrorNames().ShouldBe(["username", "password"], ignoreOrder: true);
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
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            codes.Add((await app.PostAsync("/auth/login", new { username = "guess", password = "guess-" + i })).StatusCode);
        codes.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests]);
    }
}
