using System.Net;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ListClientsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task List_NoClients_ReturnsSeedBodyExactly()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/client", null, await app.AdminTokenAsync());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("{\"message\":\"Clients retrieved successfully\",\"data\":[]}");
    }
}

public sealed class ListClientsWithDataTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task List_WithClients_ReturnsSeedFieldsInIdOrder()
    {
        var router = await app.RouterAsync("list-router");
        var first = await app.RegisterClientAsync(router, "list-a");
        var second = await app.RegisterClientAsync(router, "list-b");

        var (status, body) = await app.AdminAsync(HttpMethod.Get, "/client");

        status.ShouldBe(200);
        var items = body.GetProperty("data").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("client_id").GetInt32()).ShouldBe([first, second]);
        items[0].ShouldHaveProperties("client_id", "name", "phone_number", "address", "ppp_secret_name");
        body.ToString().ShouldNotContain("password");
    }
}
