using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ClientDetailsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Details_ExistingClient_ReturnsSeedShape()
    {
        var router = await app.Api.AddRouterAsync("details-router");
        var id = await app.Api.AddClientAsync(router, "detail");

        var response = await app.Api.ClientDetailsAsync(id);

        response.Status.ShouldBe(200);
        response.PropertyNames("data").ShouldInclude("client", "subscriptions");
        response.PropertyNames("data", "client")
            .ShouldInclude("client_id", "name", "phone_number", "address", "ppp_secret_name", "provisioning");
        response.PropertyNames("data", "client", "provisioning").ShouldInclude("state", "last_error");
        response.Data.Subscriptions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Details_UnknownClient_Returns404()
    {
        var response = await app.Api.ClientDetailsAsync(424242);
        response.Status.ShouldBe(404);
        response.Problem.Status.ShouldBe(404);
    }
}
