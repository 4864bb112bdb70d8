using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ListClientsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task List_NoClients_ReturnsSeedBodyExactly()
    {
        var response = await app.Api.ListClientsAsync();
        response.Status.ShouldBe(200);
        response.Text.ShouldBe("{\"message\":\"Clients retrieved successfully\",\"data\":[]}");
    }
}

public sealed class ListClientsWithDataTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task List_WithClients_ReturnsSeedFieldsInIdOrder()
    {
        var router = await app.Api.AddRouterAsync("list-router");
        var first = await app.Api.AddClientAsync(router, "list-a");
        var second = await app.Api.AddClientAsync(router, "list-b");

        var response = await app.Api.ListClientsAsync();

        response.Status.ShouldBe(200);
        response.Data.Select(c => c.ClientId).ShouldBe([first, second]);
        response.PropertyNames("data", 0).ShouldInclude("client_id", "name", "phone_number", "address", "ppp_secret_name");
        response.Text.ShouldNotContain("password");
    }
}
