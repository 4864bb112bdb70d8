using MikroNet.Infrastructure.Persistence.Entities;
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
        await app.Api.AdminTokenAsync();
        await using var db = app.Db();
        (await db.Users.SingleAsync(u => u.Username == AppFixture.AdminUser)).Role.ShouldBe(UserRole.Admin);
    }

    [Fact]
    public async Task Register_AnonymousAfterFirstUser_Returns401()
    {
        await app.Api.AdminTokenAsync();
        (await app.Api.Anonymous.RegisterUserAsync("intruder", "password-123")).Status.ShouldBe(401);
        await using var db = app.Db();
        (await db.Users.AnyAsync(u => u.Username == "intruder")).ShouldBeFalse();
    }

    [Fact]
    public async Task Register_ByOperator_Returns403()
    {
        var token = await app.Api.OperatorTokenAsync("op-registers");
        (await app.Api.As(token).RegisterUserAsync("op-friend", "password-123")).Status.ShouldBe(403);
    }

    [Fact]
    public async Task Register_ByAdmin_CreatesOperator()
    {
        var response = await app.Api.RegisterUserAsync("new-operator", "password-123");
        response.Status.ShouldBe(201);
        response.Data.Role.ShouldBe("operator");
        await using var db = app.Db();
        var user = await db.Users.SingleAsync(u => u.Username == "new-operator");
        user.PasswordHash.ShouldNotContain("password-123");
    }

    [Fact]
    public async Task Register_TakenUsername_Returns409()
    {
        var response = await app.Api.RegisterUserAsync(AppFixture.AdminUser, "password-123");
        response.Status.ShouldBe(409);
        response.Problem.ErrorNames.ShouldContain("username");
    }

    [Fact]
    public async Task Register_ShortPasswordAndNoUsername_Returns400NamingFields()
    {
        var response = await app.Api.Anonymous.RegisterUserAsync(null, "short");
        response.Status.ShouldBe(400);
        response.MediaType.ShouldBe("application/problem+json");
        response.Problem.ErrorNames.ShouldBe(["username", "password"], ignoreOrder: true);
    }
}
