using System.Net;
using MikroNet.Tests.Fixtures;
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
    public async Task Login_ValidCredentials_ReturnsTokenAndExpiry()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Get, "/client");
        status.ShouldBe(200);
        body.GetProperty("message").GetString().ShouldBe("Clients retrieved successfully");
    }
}
