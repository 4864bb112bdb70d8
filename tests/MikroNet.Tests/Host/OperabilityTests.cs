using System.Net;
using System.Text.Json;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

public sealed class OperabilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Anonymous_Returns200(string url)
    {
        var response = await app.SendAsync(HttpMethod.Get, url, null, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_Document_ListsSeedRoutesWithBearerAuth()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json", null, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/client");
        paths.ShouldContain("/client/register");
        paths.ShouldContain("/client/{id}/details");
        paths.ShouldContain("/auth/login");
        paths.ShouldContain("/routers");
        doc.GetProperty("components").GetProperty("securitySchemes").EnumerateObject()
            .ShouldContain(s => s.Value.GetProperty("scheme").GetString() == "Bearer");
    }

    [Fact]
    public async Task OpenApi_Ui_IsServed()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/swagger/index.html", null, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);
    }
}
