using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

/// <summary>"Admin" and "admin" are one username: refused as a duplicate, accepted at login.</summary>
public sealed class UsernameCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_SameNameOtherCase_Returns409AndWritesNothing()
    {
        (await app.Api.RegisterUserAsync("Operator.Budi", "operator-pass-1")).Expect(201);

        var response = await app.Api.RegisterUserAsync("operator.budi", "operator-pass-2");

        response.ShouldBeProblem(409).ShouldBe(["username"]);
        await using var db = app.Db();
        db.Users.Count(u => u.Username.ToLower() == "operator.budi").ShouldBe(1);
    }

    [Fact]
    public async Task Register_AdminInCapitals_Returns409()
    {
        await app.Api.AdminTokenAsync();

        var response = await app.Api.RegisterUserAsync(AppFixture.AdminUser.ToUpperInvariant(), "another-pass-1");

        response.ShouldBeProblem(409);
    }

    [Fact]
    public async Task Register_TenRacingCaseVariants_OneWins()
    {
        await app.Api.AdminTokenAsync();
        string[] names = ["Racer", "racer", "RACER", "rAcer", "raCer", "racEr", "raceR", "RAcer", "RaCer", "RacEr"];

        var responses = await Task.WhenAll(names.Select(n => app.Api.RegisterUserAsync(n, "racer-pass-1")));

        responses.Count(r => r.Status == 201).ShouldBe(1);
        responses.Count(r => r.Status == 409).ShouldBe(names.Length - 1);
    }

    [Fact]
    public async Task Login_UsernameInOtherCase_ReturnsToken()
    {
        await app.Api.AdminTokenAsync();

        var token = await app.Api.TokenAsync(AppFixture.AdminUser.ToUpperInvariant(), AppFixture.AdminPassword);

        token.ShouldNotBeNullOrEmpty();
    }
}
