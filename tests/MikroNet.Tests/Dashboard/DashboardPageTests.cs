using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Dashboard;

/// <summary>The page and its chart library are served by the host with no token (they hold no data).</summary>
public sealed class DashboardPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Dashboard_WithoutSlash_RedirectsToFolder()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/dashboard");

        response.Status.ShouldBe(302);
        response.Headers.Location!.ToString().ShouldBe("/dashboard/");
    }

    [Fact]
    public async Task Dashboard_Index_SignInFormAndLocalScripts()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/dashboard/");
        var html = response.Text;

        response.Status.ShouldBe(200);
        response.MediaType.ShouldBe("text/html");
        html.ShouldContain("id=\"signin-form\"");
        html.ShouldContain("<script src=\"chart.umd.min.js\"");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
    }

    [Theory]
    [InlineData("/dashboard/chart.umd.min.js", "text/javascript")]
    [InlineData("/dashboard/dashboard.js", "text/javascript")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    public async Task Dashboard_Assets_ServedFromTheHost(string url, string mediaType)
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, url);

        response.Status.ShouldBe(200);
        response.MediaType.ShouldBe(mediaType);
        response.Bytes.Length.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Dashboard_UnknownFile_404()
    {
        (await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/dashboard/nothing-here.js")).Status.ShouldBe(404);
    }
}
