using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;

namespace MikroNet.Tests.Clients;

/// <summary>How a client is told: e-mail, chosen channels and opt-out on register, update and details.</summary>
public sealed class ClientContactTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_WithContact_ShowsItInDetails()
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), "contact-1");
        request.Email = "  siti@example.test ";
        request.NotificationChannels = ["sms", "email"];

        var created = (await app.Api.RegisterClientAsync(request)).Expect(201).Data;

        (created.Email, created.NotificationsOptOut).ShouldBe(("siti@example.test", false));
        created.NotificationChannels.ShouldBe(["sms", "email"]);
        (await app.Api.ClientDetailsAsync(created.ClientId)).Data.Client.Email.ShouldBe("siti@example.test");
    }

    [Fact]
    public async Task Update_EmptyEmailAndOptOut_RemovesTheAddressAndSilencesTheClient()
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), "contact-2");
        request.Email = "andi@example.test";
        var client = (await app.Api.RegisterClientAsync(request)).Expect(201).Data.ClientId;

        var updated = (await app.Api.UpdateClientAsync(client, new UpdateClient.Request
        {
            Email = "", NotificationsOptOut = true, NotificationChannels = ["whatsapp"],
        })).Expect(200).Data;

        (updated.Email, updated.NotificationsOptOut).ShouldBe((null, true));
        updated.NotificationChannels.ShouldBe(["whatsapp"]);
        (await app.Api.UpdateClientAsync(client, new UpdateClient.Request { Name = "Andi" })).Expect(200)
            .Data.NotificationChannels.ShouldBe(["whatsapp"]);
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("email,email")]
    [InlineData("EMAIL")]
    public async Task Register_BadChannels_Returns400NamingThem(string channels)
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), "contact-bad");
        request.NotificationChannels = [.. channels.Split(',')];

        (await app.Api.RegisterClientAsync(request)).ShouldBeProblem(400).ShouldBe(["notification_channels"]);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b@c")]
    [InlineData("two@example.test, more@example.test")]
    public async Task Update_BadEmail_Returns400NamingIt(string email)
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync());

        (await app.Api.UpdateClientAsync(client, new UpdateClient.Request { Email = email })).ShouldBeProblem(400)
            .ShouldBe(["email"]);
    }

    [Fact]
    public async Task Register_HugeEmail_Returns400()
    {
        var request = Api.NewClient(await app.Api.AddRouterAsync(), "contact-huge");
        request.Email = new string('a', 300) + "@example.test";

        (await app.Api.RegisterClientAsync(request)).ShouldBeProblem(400).Distinct().ShouldBe(["email"]);
    }
}
