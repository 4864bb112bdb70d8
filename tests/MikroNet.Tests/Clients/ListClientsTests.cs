using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Clients;
using MikroNet.Features.Common;
using MikroNet.Tests.Fixtures;
using NodaTime;
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

public sealed class ListClientsShapeTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>PostgreSQL writes the list (ClientJson); it must equal, as JSON, the records serialized.</summary>
    [Fact]
    public async Task List_ClientsOfEveryState_EqualsTheRecordsSerialized()
    {
        var router = await app.Api.AddRouterAsync();
        var ids = new List<int>();
        for (var i = 0; i < 4; i++) ids.Add(await app.Api.AddClientAsync(router));
        (await app.Api.DisableClientAsync(ids[1])).Status.ShouldBe(200);
        (await app.Api.DeleteClientAsync(ids[3])).Status.ShouldBe(200);
        await using (var db = app.Db())
        {
            var isolated = await db.Clients.SingleAsync(c => c.Id == ids[2]);
            isolated.IsolatedAt = Instant.FromUtc(2026, 11, 20, 1, 2, 3).PlusNanoseconds(120_000_000);
            isolated.Name = "Ñoño \"O'Brien\" <b>&amp; 山田 😀";
            isolated.NotificationChannels = ["sms"];
            isolated.Email = "x@example.id";
            await db.SaveChangesAsync();
        }

        var response = await app.Api.ListClientsAsync();

        response.Status.ShouldBe(200);
        await using var read = app.Db();
        var rows = await read.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var expected = JsonSerializer.SerializeToNode(
            new Envelope<List<ClientView>>("Clients retrieved successfully", rows.ConvertAll(ClientView.From)), Json.Options);
        JsonNode.DeepEquals(JsonNode.Parse(response.Text), expected).ShouldBeTrue($"answer:\n{response.Text}\nrecords:\n{expected}");
        response.Data.Select(c => c.Status).ShouldBe(["active", "disabled", "isolated"]);
        response.Text.ShouldStartWith("{\"message\":\"Clients retrieved successfully\",\"data\":[{\"client_id\":");
    }
}
