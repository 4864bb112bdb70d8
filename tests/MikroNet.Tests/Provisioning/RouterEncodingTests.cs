using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;
using UpdateClient = MikroNet.Features.Clients.UpdateClient;
using UpdateRouter = MikroNet.Features.Routers.UpdateRouter;

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
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "windows-1252", Api.Unique("cp1252-"));
        await using var _ = emulator;
        var counts = await CountsAsync();
        var request = Api.NewClient(routerId, "k-plain");
        if (field == "ppp_password") request.PppPassword = value;
        else request.PppSecretName = value;

        var response = await app.Api.RegisterClientAsync(request);

        response.Status.ShouldBe(400, response.Text);
        response.Problem.ErrorNames.ShouldBe([field]);
        response.Text.ShouldContain("windows-1252");
        response.Text.ShouldNotContain("密码");
        (await CountsAsync()).ShouldBe(counts);
        emulator.Secrets.ShouldBeEmpty();
    }

    [Fact]
    public async Task Register_TwoChineseNamesOnWindows1252_BothRefusedAndAccentedNameStoredExactly()
    {
        var (emulator, routerId) = await RouterShapes.StartAsync(app, "windows-1252", "cp1252-issue");
        await using var _ = emulator;

        (await app.Api.RegisterClientAsync(Api.NewClient(routerId, "k用户"))).Status.ShouldBe(400);
        (await app.Api.RegisterClientAsync(Api.NewClient(routerId, "k名字"))).Status.ShouldBe(400);
        var id = await app.Api.AddClientAsync(routerId, "josé");

        await ProvisioningFixture.EventuallyAsync(() => emulator.FindSecret("josé") is not null, TimeSpan.FromSeconds(5), "josé provisioned");
        emulator.SecretNameBytes.Single().ShouldBe([(byte)'j', (byte)'o', (byte)'s', 0xE9]);
        emulator.FindSecret("josé")!.Comment.ShouldBe(id.ToString());
        (await app.Api.ReconcileAsync(routerId)).Expect(200).Data.Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Update_RenameOrMoveToTextTheRouterCannotHold_Returns400AndChangesNothing()
    {
        var (emulator, cp1252) = await RouterShapes.StartAsync(app, "windows-1252", "cp1252-target");
        await using var _ = emulator;
        var utf8 = await app.Api.AddRouterAsync(app.EmulatorRouter("utf8-source"));
        var chinesePassword = await app.Api.AddClientAsync(utf8, "moving-1", password: "密码-secret");
        var plain = await app.Api.AddClientAsync(cp1252, "staying-1");
        var counts = await CountsAsync();

        var renamed = await app.Api.UpdateClientAsync(plain, new UpdateClient.Request { PppSecretName = "k用户" });
        var moved = await app.Api.UpdateClientAsync(chinesePassword, new UpdateClient.Request { RouterId = cp1252 });

        renamed.Status.ShouldBe(400, renamed.Text);
        renamed.Problem.ErrorNames.ShouldBe(["ppp_secret_name"]);
        moved.Status.ShouldBe(400, moved.Text);
        moved.Problem.ErrorNames.ShouldBe(["ppp_password"]);
        (await CountsAsync()).ShouldBe(counts);
        await using var db = app.Db();
        (await db.Clients.SingleAsync(c => c.Id == chinesePassword)).RouterId.ShouldBe(utf8);
    }

    [Fact]
    public async Task UpdateRouter_EncodingThatCannotHoldClients_Returns409ListingThemAndKeepsEncoding()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("utf8-to-cp1252"));
        var chinese = await app.Api.AddClientAsync(routerId, "k用户x");
        var password = await app.Api.AddClientAsync(routerId, "plain-x", password: "пароль-密码");
        await app.Api.AddClientAsync(routerId, "josé-x");

        var response = await app.Api.UpdateRouterAsync(routerId, new UpdateRouter.Request { Encoding = "windows-1252" });

        response.Status.ShouldBe(409, response.Text);
        response.Problem.ErrorNames.ShouldBe(["encoding"]);
        var reason = response.Problem.Errors!.Single().Reason;
        reason.ShouldContain($"client {chinese} (ppp_secret_name k用户x)");
        reason.ShouldContain($"client {password} (ppp_password)");
        reason.ShouldNotContain("josé-x");
        response.Text.ShouldNotContain("пароль");
        await using var db = app.Db();
        (await db.Routers.SingleAsync(r => r.Id == routerId)).Encoding.ShouldBeNull();
    }

    [Fact]
    public async Task UpdateRouter_EncodingThatHoldsEveryClient_Returns200()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("utf8-to-cp1251"));
        await app.Api.AddClientAsync(routerId, "тест-y");

        var response = await app.Api.UpdateRouterAsync(routerId, new UpdateRouter.Request { Encoding = "windows-1251" });

        response.Status.ShouldBe(200, response.Text);
    }

    [Fact]
    public async Task RegisterRouter_PasswordOutsideItsEncoding_Returns400NamingPassword()
    {
        var router = Api.NewRouter(Api.Unique("cred-"));
        router.Encoding = "windows-1252";
        router.Password = "密码";

        var response = await app.Api.RegisterRouterAsync(router);

        response.Status.ShouldBe(400, response.Text);
        response.Problem.ErrorNames.ShouldBe(["password"]);
        response.Text.ShouldNotContain("密码");
    }

    [Fact]
    public async Task UpdateRouter_EncodingThatCannotHoldItsOwnPassword_Returns400AndKeepsEncoding()
    {
        var router = Api.NewRouter(Api.Unique("cred-"));
        router.Password = "пароль";
        var routerId = await app.Api.AddRouterAsync(router);

        var response = await app.Api.UpdateRouterAsync(routerId, new UpdateRouter.Request { Encoding = "windows-1252" });

        response.Status.ShouldBe(400, response.Text);
        response.Problem.ErrorNames.ShouldBe(["password"]);
        (await app.Api.UpdateRouterAsync(routerId, new UpdateRouter.Request { Encoding = "windows-1251" })).Expect(200);
    }

    [Fact]
    public async Task Register_ReplacementCharacterInName_Returns400()
    {
        var routerId = await app.Api.AddRouterAsync(app.EmulatorRouter("fffd-router"));

        var response = await app.Api.RegisterClientAsync(Api.NewClient(routerId, "k\uFFFD"));

        response.Status.ShouldBe(400, response.Text);
        response.Problem.ErrorNames.ShouldBe(["ppp_secret_name"]);
    }

    private async Task<(int Clients, int Commands)> CountsAsync()
    {
        await using var db = app.Db();
        return (await db.Clients.IgnoreQueryFilters().CountAsync(), await db.RouterCommands.CountAsync());
    }
}
