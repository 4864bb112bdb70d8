using System.Text.Json;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Auth;

/// <summary>How the bearer header is read, and that a token remembered by the host is still refused once revoked.</summary>
public sealed class BearerTokenTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<ApiResponse<JsonElement>> GetPlansAsync(string authorization) =>
        app.Api.Anonymous.SendAsync<JsonElement>(HttpMethod.Get, "/plans", null, [("Authorization", authorization)]);

    [Fact]
    public async Task Request_SchemeInAnyCase_IsAccepted()
    {
        var token = await app.Api.AdminTokenAsync();
        (await GetPlansAsync("Bearer " + token)).Status.ShouldBe(200);
        (await GetPlansAsync("bearer " + token)).Status.ShouldBe(200);
        (await GetPlansAsync("BEARER " + token)).Status.ShouldBe(200);
    }

    [Theory]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer")]
    [InlineData("Token abc.def.ghi")]
    public async Task Request_OtherSchemeOrNoToken_Returns401AskingForOne(string authorization)
    {
        var answer = await GetPlansAsync(authorization);
        answer.Status.ShouldBe(401);
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Text.ShouldContain("bearer token is required");
        answer.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Request_TamperedMalformedOrHugeToken_Returns401Invalid()
    {
        var parts = (await app.Api.AdminTokenAsync()).Split('.');
        var payload = parts[1].ToCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        string[] refused =
        [
            $"{parts[0]}.{new string(payload)}.{parts[2]}",
            $"{parts[0]}.{parts[1]}",
            "a.b.c",
            "ey" + new string('x', 20_000),
            $"{parts[0]}.{parts[1]}.{parts[2]}.{parts[2]}",
        ];
        foreach (var token in refused)
        {
            var answer = await GetPlansAsync("Bearer " + token);
            answer.Status.ShouldBe(401, token[..Math.Min(40, token.Length)]);
            answer.MediaType.ShouldBe("application/problem+json");
            answer.Text.ShouldContain("invalid, expired or revoked");
        }
    }

    [Fact]
    public async Task Request_TenAtOnceWithANewToken_AllAcceptedAndAllRefusedAfterLogout()
    {
        await app.Api.AdminTokenAsync();
        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);

        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GetPlansAsync("Bearer " + token)));
        first.ShouldAllBe(a => a.Status == 200);
        (await app.Api.As(token).LogoutAsync()).Status.ShouldBe(200);

        var after = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GetPlansAsync("Bearer " + token)));
        after.ShouldAllBe(a => a.Status == 401 && a.Text.Contains("invalid, expired or revoked"));
    }
}
