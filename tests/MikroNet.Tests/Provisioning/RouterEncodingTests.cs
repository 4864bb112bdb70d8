using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>A name the router's encoding cannot hold is refused up front; nothing reaches the outbox or the router.</summary>
public sealed class RouterEncodingTests(ProvisioningFixture app) : IClassFixture<ProvisioningFixture>
{
    [Theory]
    [InlineData("ppp_secret_name", "k用户")]
    [InlineData("ppp_secret_name", "Łukasz")]
    [InlineData("ppp_password", "密码-secret")]
    public async Task Register_TextOutsideWindows1252_Returns400NamingFieldAndEncodingAndQueuesNothing(string field, string value)
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "windows-1252", "cp1252-" + Guid.NewGuid().ToString("N")[..6]);
        await using var _ = emulator;
        var counts = await CountsAsync();
        var request = Client(routerId, "k-plain");
        request[field] = value;

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", request);

        status.ShouldBe(400, body.ToString());
        body.ErrorNames().ShouldBe([field]);
        body.ToString().ShouldContain("windows-1252");
        body.ToString().ShouldNotContain("密码");
        (await CountsAsync()).ShouldBe(counts);
        emulator.Secrets.ShouldBeEmpty();
    }

    [Fact]
    public async Task Register_TwoChineseNamesOnWindows1252_BothRefusedAndAccentedNameStoredExactly()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "windows-1252", "cp1252-issue");
        await using var _ = emulator;

        (await app.AdminAsync(HttpMethod.Post, "/client/register", Client(routerId, "k用户"))).Status.ShouldBe(400);
        (await app.AdminAsync(HttpMethod.Post, "/client/register", Client(routerId, "k名字"))).Status.ShouldBe(400);
        var id = await app.RegisterClientAsync(routerId, "josé");

        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("josé") is not null, TimeSpan.FromSeconds(5), "josé provisioned");
        emulator.SecretNameBytes.Single().ShouldBe([(byte)'j', (byte)'o', (byte)'s', 0xE9]);
        emulator.FindSecret("josé")!.Comment.ShouldBe(id.ToString());
        var (status, again) = await app.AdminAsync(HttpMethod.Post, $"/routers/{routerId}/reconcile");
        status.ShouldBe(200, again.ToString());
        again.GetProperty("data").GetProperty("changes").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Update_RenameOrMoveToTextTheRouterCannotHold_Returns400AndChangesNothing()
    {
        var (emulator, cp1252) = await RouterShapes.StartAsync(app, "windows-1252", "cp1252-target");
        await using var _ = emulator;
        var utf8 = await app.RegisterRouterAsync("utf8-source");
        var chinesePassword = await app.RegisterClientAsync(utf8, "moving-1", password: "密码-secret");
        var plain = await app.RegisterClientAsync(cp1252, "staying-1");
        var counts = await CountsAsync();

        var (renamed, renameBody) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{plain}", new { ppp_secret_name = "k用户" });
        var (moved, moveBody) = await app.AdminAsync(HttpMethod.Put, $"/client/update/{chinesePassword}", new { router_id = cp1252 });

        renamed.ShouldBe(400, renameBody.ToString());
        renameBody.ErrorNames().ShouldBe(["ppp_secret_name"]);
        moved.ShouldBe(400, moveBody.ToString());
        moveBody.ErrorNames().ShouldBe(["ppp_password"]);
        (await CountsAsync()).ShouldBe(counts);
        await using var db = app.Db();
        (await db.Clients.SingleAsync(c => c.Id == chinesePassword)).RouterId.ShouldBe(utf8);
    }

    [Fact]
    public async Task UpdateRouter_EncodingThatCannotHoldClients_Returns409ListingThemAndKeepsEncoding()
    {
        var routerId = await app.RegisterRouterAsync("utf8-to-cp1252");
        var chinese = await app.RegisterClientAsync(routerId, "k用户x");
        var password = await app.RegisterClientAsync(routerId, "plain-x", password: "пароль-密码");
        await app.RegisterClientAsync(routerId, "josé-x");

        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/routers/{routerId}", new { encoding = "windows-1252" });

        status.ShouldBe(409, body.ToString());
        body.ErrorNames().ShouldBe(["encoding"]);
        var text = body.ToString();
        text.ShouldContain($"client {chinese} (ppp_secret_name k用户x)");
        text.ShouldContain($"client {password} (ppp_password)");
        text.ShouldNotContain("josé-x");
        text.ShouldNotContain("пароль");
        await using var db = app.Db();
        (await db.Routers.SingleAsync(r => r.Id == routerId)).Encoding.ShouldBeNull();
    }

    [Fact]
    public async Task UpdateRouter_EncodingThatHoldsEveryClient_Returns200()
    {
        var routerId = await app.RegisterRouterAsync("utf8-to-cp1251");
        await app.RegisterClientAsync(routerId, "тест-y");

        var (status, body) = await app.AdminAsync(HttpMethod.Put, $"/routers/{routerId}", new { encoding = "windows-1251" });

        status.ShouldBe(200, body.ToString());
    }

    [Fact]
    public async Task Register_ReplacementCharacterInName_Returns400()
    {
        var routerId = await app.RegisterRouterAsync("fffd-router");

        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", Client(routerId, "k\uFFFD"));

        status.ShouldBe(400, body.ToString());
        body.ErrorNames().ShouldBe(["ppp_secret_name"]);
    }

    private static Dictionary<string, object?> Client(int routerId, string secret) => new()
    {
        ["name"] = "Client " + secret, ["phone_number"] = "+6281234567", ["address"] = "Jl. Test 1",
        ["ppp_secret_name"] = secret, ["ppp_password"] = "ppp-pass-1", ["router_id"] = routerId,
    };

    private async Task<(int Clients, int Commands)> CountsAsync()
    {
        await using var db = app.Db();
        return (await db.Clients.IgnoreQueryFilters().CountAsync(), await db.RouterCommands.CountAsync());
    }
}
