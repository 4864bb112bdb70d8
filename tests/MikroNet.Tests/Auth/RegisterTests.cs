using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

public sealed class RegisterTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_FirstUser_BecomesAdmin()
    {
        await app.AdminTokenAsync();
        await using var db = app.Db();
        (await db.Users.SingleAsync(u => u.Username == AppFixture.AdminUser)).Role
            .ShouldBe(Infrastructure.Persistence.Entities.UserRole.Admin);
    }

    [Fact]
    public async Task Register_AnonymousAfterFirstUser_Returns401()
    {
        await app.AdminTokenAsync();
        var response = await app.PostAsync("/auth/register", new { username = "intruder", password = "password-123" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = app.Db();
        (await db.Users.AnyAsync(u => u.Username == "intruder")).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_ByOperator_Returns403()
    {
        var token = await app.OperatorTokenAsync("op-registers");
        var response = await app.PostAsync("/auth/register", new { username = "op-friend", password = "password-123" }, token);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Register_ByAdmin_CreatesOperator()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/auth/register",
            new { username = "new-operator", password = "password-123" });
        status.ShouldBe(201);
        body.GetProperty("data").GetProperty("role").GetString().ShouldBe("operator");
        await using var db = app.Db();
        var user = await db.Users.SingleAsync(u => u.Username == "new-operator");
        user.PasswordHash.ShouldNotContain("password-123");
    }

    [Fact]
    public async Task Register_TakenUsername_Returns409()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/auth/register",
            new { username = AppFixture.AdminUser, password = "password-123" });
        status.ShouldBe(409);
        body.ErrorNames().ShouldContain("username");
    }

    [Fact]
    public async Task Register_ShortPasswordAndNoUsername_Returns400NamingFields()
    {
        var response = await app.PostAsync("/auth/register", new { password = "short" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.ErrorNames().ShouldBe(["username", "password"], ignoreOrder: true);
    }
}
