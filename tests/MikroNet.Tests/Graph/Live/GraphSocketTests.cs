using System.Text.Json;
using MikroNet.Features.Graph.Live;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph.Live;

/// <summary>A host with short WebSocket timers and a low subscription limit.</summary>
public sealed class GraphSocketFixture : AppFixture
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("GraphQL:ConnectionInitTimeout", "00:00:01"),
        new("GraphQL:KeepAliveInterval", "00:00:00.500"),
        new("GraphQL:MaxSubscriptionsPerConnection", Limit.ToString()),
        new("Cors:AllowedOrigins:0", "http://localhost:3000"),
    ];
}

/// <summary>graphql-transport-ws: the handshake, its close codes, and events from REST changes (on this host and another).</summary>
public sealed class GraphSocketTests(GraphSocketFixture app) : IClassFixture<GraphSocketFixture>
{
    private const string ClientChanged =
        "subscription($id: Int!) { clientChanged(clientId: $id) { id clientId status provisioning { state } } }";

    private async Task<int> NewClientAsync(int? planId = null) =>
        await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: planId, start: planId is null ? null : new LocalDate(2026, 11, 25));

    [Fact]
    public async Task ClientChanged_DisableThroughRest_EventCarriesNewStatus()
    {
        var clientId = await NewClientAsync();
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());
        await socket.SubscribeAsync("1", ClientChanged, new { id = clientId });
        await EventuallySubscribedAsync(app.Host.Services, 1);

        (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);

        var client = await UntilAsync(socket, "1", "clientChanged", c => c.GetProperty("status").GetString() == "DISABLED");
        client.GetProperty("clientId").GetInt32().ShouldBe(clientId);
        client.GetProperty("status").GetString().ShouldBe("DISABLED");
        client.GetProperty("provisioning").GetProperty("state").GetString().ShouldBe("PENDING");
    }

    [Fact]
    public async Task ClientChanged_ChangeThroughAnotherHost_DeliveredHere()
    {
        var clientId = await NewClientAsync();
        await using var other = await app.StartHostAsync();
        await using var socket = await GraphSocketClient.OpenAsync(other, await app.Api.AdminTokenAsync());
        await socket.SubscribeAsync("a", ClientChanged, new { id = clientId });
        await EventuallySubscribedAsync(other.Services, 1);

        (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);

        var client = await UntilAsync(socket, "a", "clientChanged", c => c.GetProperty("status").GetString() == "DISABLED");
        client.GetProperty("clientId").GetInt32().ShouldBe(clientId);
    }

    [Fact]
    public async Task InvoiceChangedAndPaymentRecorded_PaymentThroughRest_BothDelivered()
    {
        var clientId = await NewClientAsync(await app.Api.AddPlanAsync(100_000m));
        var invoice = (await app.Api.InvoicesAsync(clientId))[0];
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());
        await socket.SubscribeAsync("inv", "subscription($id: Int!) { invoiceChanged(clientId: $id) { invoiceId amountPaid invoiceStatus } }",
            new { id = clientId });
        await socket.SubscribeAsync("pay", "subscription($id: Int) { paymentRecorded(clientId: $id) { amount paymentMethod id } }",
            new { id = clientId });
        await EventuallySubscribedAsync(app.Host.Services, 2);

        (await app.Api.PayAsync(invoice.InvoiceId, 40_000m)).Status.ShouldBe(201);

        // The invoice's own creation may still be on its way: events are read until the payment shows.
        JsonElement? changed = null, payment = null;
        for (var read = 0; read < 10 && (changed is null || payment is null); read++)
        {
            var message = await socket.ReceiveAsync();
            message.GetProperty("type").GetString().ShouldBe("next", message.GetRawText());
            var data = message.GetProperty("payload").GetProperty("data");
            if (message.GetProperty("id").GetString() == "pay") payment = data.GetProperty("paymentRecorded");
            else if (data.GetProperty("invoiceChanged").GetProperty("amountPaid").GetDecimal() > 0) changed = data.GetProperty("invoiceChanged");
        }
        changed.ShouldNotBeNull();
        changed.Value.GetProperty("invoiceId").GetInt32().ShouldBe(invoice.InvoiceId);
        changed.Value.GetProperty("amountPaid").GetDecimal().ShouldBe(40_000m);
        changed.Value.GetProperty("invoiceStatus").GetString().ShouldBe("PARTIALLY_PAID");
        payment.ShouldNotBeNull();
        payment.Value.GetProperty("amount").GetDecimal().ShouldBe(40_000m);
    }

    [Fact]
    public async Task ClientChanged_ListenConnectionLostAndBack_CurrentStateSentAgain()
    {
        var clientId = await NewClientAsync();
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());
        await socket.SubscribeAsync("1", ClientChanged, new { id = clientId });
        await EventuallySubscribedAsync(app.Host.Services, 1);
        (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);
        await UntilAsync(socket, "1", "clientChanged", c => c.GetProperty("status").GetString() == "DISABLED");
        var events = app.Host.Services.GetRequiredService<LiveEvents>();

        // As DatabaseNotifications reports an outage and then LISTEN in place again (the worker is off: nothing else
        // changes the client, so the next event is the resend).
        events.Lost();
        await events.ListeningAsync(CancellationToken.None);

        var client = (await socket.NextAsync("1")).GetProperty("data").GetProperty("clientChanged");
        client.GetProperty("clientId").GetInt32().ShouldBe(clientId);
        client.GetProperty("status").GetString().ShouldBe("DISABLED");
    }

    [Fact]
    public async Task Complete_StopsEvents()
    {
        var clientId = await NewClientAsync();
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());
        var hub = app.Host.Services.GetRequiredService<LiveHub>();
        var before = hub.Count;
        await socket.SubscribeAsync("1", ClientChanged, new { id = clientId });
        await EventuallySubscribedAsync(app.Host.Services, before + 1);

        await socket.SendAsync(new { id = "1", type = "complete" });

        await Fixtures.ProvisioningFixture.EventuallyAsync(() => hub.Count == before, TimeSpan.FromSeconds(5), "complete unsubscribes");
    }

    [Fact]
    public async Task ConnectionInit_NoToken_Closed4403()
    {
        await using var socket = await GraphSocketClient.ConnectAsync(app.Host);

        await socket.SendAsync(new { type = "connection_init", payload = new { } });

        (await socket.ClosedAsync()).ShouldBe(4403);
    }

    [Fact]
    public async Task ConnectionInit_RevokedToken_Closed4403()
    {
        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        (await app.Api.As(token).LogoutAsync()).Status.ShouldBe(200);
        await using var socket = await GraphSocketClient.ConnectAsync(app.Host);

        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = token } });

        (await socket.ClosedAsync()).ShouldBe(4403);
    }

    [Fact]
    public async Task OpenConnection_TokenRevoked_Closed4403()
    {
        await app.Api.AdminTokenAsync();
        var token = await app.Api.TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, token);

        (await app.Api.As(token).LogoutAsync()).Status.ShouldBe(200);

        (await socket.ClosedAsync()).ShouldBe(4403);
    }

    [Fact]
    public async Task Subscribe_BeforeInit_Closed4401()
    {
        await using var socket = await GraphSocketClient.ConnectAsync(app.Host);

        await socket.SubscribeAsync("1", ClientChanged, new { id = 1 });

        (await socket.ClosedAsync()).ShouldBe(4401);
    }

    [Fact]
    public async Task ConnectionInit_Twice_Closed4429()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SendAsync(new { type = "connection_init" });

        (await socket.ClosedAsync()).ShouldBe(4429);
    }

    [Fact]
    public async Task NoInit_Closed4408AfterTimeout()
    {
        await using var socket = await GraphSocketClient.ConnectAsync(app.Host);

        (await socket.ClosedAsync(TimeSpan.FromSeconds(5))).ShouldBe(4408);
    }

    [Fact]
    public async Task Subscribe_SameIdTwice_Closed4409()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SubscribeAsync("dup", ClientChanged, new { id = 1 });
        await socket.SubscribeAsync("dup", ClientChanged, new { id = 1 });

        (await socket.ClosedAsync()).ShouldBe(4409);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ me { id } }"}}""")]
    [InlineData("""{"type":"unknown"}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":42}}""")]
    public async Task Message_Malformed_Closed4400(string text)
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SendTextAsync(text);

        (await socket.ClosedAsync()).ShouldBe(4400);
    }

    [Fact]
    public async Task Message_OverSizeLimit_Closed1009()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SendTextAsync("""{"type":"ping","payload":{"pad":" """ + new string('x', 1_100_000) + "\"}}");

        (await socket.ClosedAsync()).ShouldBe(1009);
    }

    [Fact]
    public async Task ClientChanged_TenConnectionsAtOnce_EachGetsTheEvent()
    {
        var clientId = await NewClientAsync();
        var token = await app.Api.AdminTokenAsync();
        var hub = app.Host.Services.GetRequiredService<LiveHub>();
        var before = hub.Count;
        var sockets = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GraphSocketClient.OpenAsync(app.Host, token)));
        try
        {
            await Task.WhenAll(sockets.Select(s => s.SubscribeAsync("x", ClientChanged, new { id = clientId })));
            await EventuallySubscribedAsync(app.Host.Services, before + 10);

            (await app.Api.DisableClientAsync(clientId)).Status.ShouldBe(200);

            var events = await Task.WhenAll(sockets.Select(s => UntilAsync(s, "x", "clientChanged",
                c => c.GetProperty("status").GetString() == "DISABLED")));
            events.ShouldAllBe(e => e.GetProperty("clientId").GetInt32() == clientId);
        }
        finally
        {
            foreach (var socket in sockets) await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task Handshake_WithoutProtocol_Closed4406()
    {
        await using var socket = await GraphSocketClient.ConnectAsync(app.Host, protocol: null);

        (await socket.ClosedAsync()).ShouldBe(4406);
    }

    [Fact]
    public async Task Ping_AnsweredWithPongAndServerPingsIdleConnection()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SendAsync(new { type = "ping", payload = new { n = 1 } });

        var pong = await socket.ReceiveAsync();
        pong.GetProperty("type").GetString().ShouldBe("pong");
        pong.GetProperty("payload").GetProperty("n").GetInt32().ShouldBe(1);
        // KeepAliveInterval is half a second in this fixture
        (await socket.ReceiveAsync(TimeSpan.FromSeconds(3), pings: true)).GetProperty("type").GetString().ShouldBe("ping");
    }

    [Fact]
    public async Task Subscribe_OverLimit_ErrorWithCodeAndConnectionStaysOpen()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());
        for (var i = 0; i < GraphSocketFixture.Limit; i++) await socket.SubscribeAsync($"s{i}", ClientChanged, new { id = 1 });

        await socket.SubscribeAsync("over", ClientChanged, new { id = 1 });

        var error = await socket.ReceiveAsync();
        error.GetProperty("type").GetString().ShouldBe("error");
        error.GetProperty("id").GetString().ShouldBe("over");
        error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TOO_MANY_SUBSCRIPTIONS");
        await socket.SendAsync(new { id = "q", type = "subscribe", payload = new { query = "{ me { username } }" } });
        (await socket.NextAsync("q")).GetProperty("data").GetProperty("me").GetProperty("username").GetString().ShouldBe("admin");
    }

    [Fact]
    public async Task Subscribe_UnknownField_ErrorMessageNotClose()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SubscribeAsync("bad", "subscription { clientChanged(clientId: 1) { noSuchField } }");

        var error = await socket.ReceiveAsync();
        error.GetProperty("type").GetString().ShouldBe("error");
        error.GetProperty("payload").GetArrayLength().ShouldBeGreaterThan(0);
        await socket.SendAsync(new { type = "ping" });
        (await socket.ReceiveAsync()).GetProperty("type").GetString().ShouldBe("pong");
    }

    [Fact]
    public async Task Query_OverSocket_NextThenComplete()
    {
        await using var socket = await GraphSocketClient.OpenAsync(app.Host, await app.Api.AdminTokenAsync());

        await socket.SubscribeAsync("q", "{ me { username role } }");

        (await socket.NextAsync("q")).GetProperty("data").GetProperty("me").GetProperty("role").GetString().ShouldBe("ADMIN");
        var complete = await socket.ReceiveAsync();
        complete.GetProperty("type").GetString().ShouldBe("complete");
    }

    [Fact]
    public async Task Subscription_OverHttp_RefusedWithCode()
    {
        await app.Api.AdminTokenAsync();

        var answer = await app.Api.GraphAsync("subscription { clientChanged(clientId: 1) { clientId } }");

        answer.Status.ShouldBe(400);
        answer.FirstErrorCode.ShouldBe("SUBSCRIPTION_NEEDS_WEBSOCKET");
    }

    [Fact]
    public async Task Handshake_DisallowedOrigin_Refused()
    {
        await Should.ThrowAsync<Exception>(() => GraphSocketClient.ConnectAsync(app.Host, origin: "http://evil.example"));
        await using var allowed = await GraphSocketClient.ConnectAsync(app.Host, origin: "http://localhost:3000");
        allowed.Socket.SubProtocol.ShouldBe(GraphSocketClient.Protocol);
    }

    /// <summary>
    /// Reads the operation's events until one matches: the notifications of the client's own registration may still
    /// be on their way when the subscription starts, so an event of the earlier state can come first.
    /// </summary>
    private static async Task<JsonElement> UntilAsync(GraphSocketClient socket, string id, string field, Func<JsonElement, bool> match)
    {
        for (var read = 0; read < 10; read++)
        {
            var value = (await socket.NextAsync(id)).GetProperty("data").GetProperty(field);
            if (match(value)) return value;
        }
        throw new ShouldAssertException($"No matching {field} event in 10");
    }

    private static Task EventuallySubscribedAsync(IServiceProvider services, int count) =>
        Fixtures.ProvisioningFixture.EventuallyAsync(() => services.GetRequiredService<LiveHub>().Count >= count,
            TimeSpan.FromSeconds(5), $"{count} subscriptions open");
}
