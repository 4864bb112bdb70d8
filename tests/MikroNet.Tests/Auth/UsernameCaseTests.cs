using System.Net;
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
        var token = await app.AdminTokenAsync();
        (await app.SendAsync(HttpMethod.Post, "/auth/register", new { username = "Operator.Budi", password = "operator-pass-1" }, token))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await app.SendAsync(HttpMethod.Post, "/auth/register", new { username = "operator.budi", password = "operator-pass-2" }, token);

        (await response.ShouldBeProblemAsync(409)).ErrorNames().ShouldBe(["username"]);
        await using var db = app.Db();
        db.Users.Count(u => u.Username.ToLower() == "operator.budi").ShouldBe(1);
    }

    [Fact]
    public async Task Register_AdminInCapitals_Returns409()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/auth/register",
            new { username = AppFixture.AdminUser.ToUpperInvariant(), password = "another-pass-1" }, await app.AdminTokenAsync());

        await response.ShouldBeProblemAsync(409);
    }

    [Fact]
    public async Task Register_TenRacingCaseVariants_OneWins()
    {
        var token = await app.AdminTokenAsync();
        string[] names = ["Racer", "racer", "RACER", "rAcer", "raCer", "racEr", "raceR", "RAcer", "RaCer", "RacEr"];

        var responses = await Task.WhenAll(names.Select(n =>
            app.SendAsync(HttpMethod.Post, "/auth/register", new { username = n, password = "racer-pass-1" }, token)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(names.Length - 1);
    }

    [Fact]
    public async Task Login_UsernameInOtherCase_ReturnsToken()
    {
        await app.AdminTokenAsync();

        var token = await app.LoginAsync(AppFixture.AdminUser.ToUpperInvariant(), AppFixture.AdminPassword);

        token.ShouldNotBeNullOrEmpty();
    }
}
