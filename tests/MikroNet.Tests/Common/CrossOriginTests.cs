using MikroNet.Features.Common;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Common;

/// <summary>A host that allows one frontend origin (a dev server) and no other.</summary>
public sealed class CrossOriginFixture : AppFixture
{
    public const string Frontend = "http://localhost:3000";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Cors:AllowedOrigins:0", Frontend)];
}

public sealed class CrossOriginTests(CrossOriginFixture app) : IClassFixture<CrossOriginFixture>
{
    private const string Stranger = "http://evil.example";

    private static (string, string)[] Preflight(string origin, string method, string headers) =>
        [("Origin", origin), ("Access-Control-Request-Method", method), ("Access-Control-Request-Headers", headers)];

    [Theory]
    [InlineData("/graphql", "POST")]
    [InlineData("/client", "GET")]
    [InlineData("/client/1/disable", "POST")]
    public async Task Preflight_AllowedOrigin_AnsweredWithItsHeaders(string path, string method)
    {
        var answer = await app.Api.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Options, path, null,
            Preflight(CrossOriginFixture.Frontend, method, "authorization,content-type"));

        answer.Status.ShouldBe(204, answer.Text);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(CrossOriginFixture.Frontend);
        answer.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain(method);
        answer.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("authorization");
        answer.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();
    }

    [Fact]
    public async Task Preflight_OtherOrigin_NoAllowHeaders()
    {
        var answer = await app.Api.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Options, "/graphql", null,
            Preflight(Stranger, "POST", "authorization,content-type"));

        answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task GraphQuery_AllowedOrigin_AnswerCarriesAllowOrigin()
    {
        await app.Api.AdminTokenAsync();

        var answer = await app.Api.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, "/graphql",
            new { query = "{ me { username } }" }, [("Origin", CrossOriginFixture.Frontend)]);

        answer.Status.ShouldBe(200, answer.Text);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(CrossOriginFixture.Frontend);
        answer.Text.ShouldContain("admin");
    }

    [Fact]
    public async Task RestUnauthorized_AllowedOrigin_BrowserCanReadThe401()
    {
        var anonymous = app.Api.As("not-a-token");

        var answer = await anonymous.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Get, "/client", null, [("Origin", CrossOriginFixture.Frontend)]);

        answer.Status.ShouldBe(401);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(CrossOriginFixture.Frontend);
        answer.Headers.GetValues("Access-Control-Expose-Headers").Single().ShouldContain("WWW-Authenticate");
    }

    [Fact]
    public async Task RestRequest_OtherOrigin_NoAllowOrigin()
    {
        await app.Api.AdminTokenAsync();

        var answer = await app.Api.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Get, "/client", null, [("Origin", Stranger)]);

        answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Theory]
    [InlineData("localhost:3000")]
    [InlineData("http://localhost:3000/")]
    [InlineData("http://localhost:3000/app")]
    [InlineData("ftp://localhost")]
    public void Options_NotAnOrigin_RefusedAtStart(string origin)
    {
        var options = new CrossOriginOptions { AllowedOrigins = [origin] };

        var failures = new DataAnnotationValidateOptions<CrossOriginOptions>(null).Validate(null, options);

        failures.Failed.ShouldBeTrue();
        failures.FailureMessage.ShouldContain(origin);
    }

    [Fact]
    public void Options_Default_AllowsNoOrigin()
    {
        var options = app.Host.Services.GetRequiredService<IOptions<CrossOriginOptions>>().Value;
        var defaults = new CrossOriginOptions();

        defaults.Allows(CrossOriginFixture.Frontend).ShouldBeFalse();
        options.Allows(CrossOriginFixture.Frontend).ShouldBeTrue();
    }
}
