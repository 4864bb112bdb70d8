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
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, url);
        response.Status.ShouldBe(200);
        response.Text.ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_Document_ListsSeedRoutesWithBearerAuth()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json");
        response.Status.ShouldBe(200);
        var document = JsonSerializer.Deserialize<OpenApiDocument>(response.Text, JsonSerializerOptions.Web)!;
        document.Paths.Keys.ShouldInclude("/client", "/client/register", "/client/{id}/details", "/auth/login", "/routers");
        document.Components.SecuritySchemes.Values.ShouldContain(s => s.Scheme == "Bearer");
    }

    [Fact]
    public async Task OpenApi_Ui_IsServed()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/swagger/index.html");
        response.Status.ShouldBe(200);
        response.Text.ShouldContain("swagger", Case.Insensitive);
    }

    /// <summary>The parts of the OpenAPI document this test reads.</summary>
    private sealed record OpenApiDocument(Dictionary<string, JsonElement> Paths, OpenApiComponents Components);

    private sealed record OpenApiComponents(Dictionary<string, OpenApiSecurityScheme> SecuritySchemes);

    private sealed record OpenApiSecurityScheme(string? Scheme);
}
