using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ClientDetailsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Details_ExistingClient_ReturnsSeedShape()
    {
        var router = await app.RouterAsync("details-router");
        var id = await app.RegisterClientAsync(router, "detail");

        var (status, body) = await app.AdminAsync(HttpMethod.Get, $"/client/{id}/details");

        status.ShouldBe(200);
        var data = body.GetProperty("data");
        data.ShouldHaveProperties("client", "subscriptions");
        data.GetProperty("client").ShouldHaveProperties("client_id", "name", "phone_number", "address", "ppp_secret_name",
            "provisioning");
        data.GetProperty("client").GetProperty("provisioning").ShouldHaveProperties("state", "last_error");
        data.GetProperty("subscriptions").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Details_UnknownClient_Returns404()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Get, "/client/424242/details");
        status.ShouldBe(404);
        body.GetProperty("status").GetInt32().ShouldBe(404);
    }
}
