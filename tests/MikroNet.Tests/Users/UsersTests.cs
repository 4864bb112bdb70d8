using System.Net;
using System.Net.Http.Headers;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Users;

public sealed class UsersTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Password = "user-password-1";

    [Fact]
    public async Task ListUsers_InPages_ReturnsEveryUserOnceInIdOrder()
    {
        for (var i = 0; i < 5; i++) await app.Api.AddUserAsync(Api.Unique("pg"), Password, "cashier");
        var seen = new List<int>();
        long? after = null;
        do
        {
            var page = (await app.Api.ListUsersAsync(after, limit: 2)).Expect(200).Data;
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(u => u.UserId));
            after = page.NextAfter;
        } while (after is not null);

        await using var db = app.Db();
        seen.ShouldBe(await db.Users.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?after=abc")]
    public async Task ListUsers_BadPaging_Returns400(string query) =>
        (await app.Api.SendAsync(HttpMethod.Get, "/users" + query)).Status.ShouldBe(400);

    [Fact]
    public async Task UpdateUser_RoleChange_RevokesTokensAndTheNewLoginCarriesTheRole()
    {
        var name = Api.Unique("op");
        var id = await app.Api.AddUserAsync(name, Password, "operator");
        var old = await app.Api.TokenAsync(name, Password);
        (await app.Api.As(old).ListClientsAsync()).Status.ShouldBe(200);

        var changed = (await app.Api.UpdateUserAsync(id, role: "cashier")).Expect(200).Data;

        changed.Role.ShouldBe("cashier");
        (await app.Api.As(old).ListClientsAsync()).Status.ShouldBe(401);
        var login = (await app.Api.Anonymous.LoginAsync(name, Password)).Expect(200).Body;
        login.Data.Role.ShouldBe("cashier");
        var cashier = app.Api.As(login.Token);
        (await cashier.ListClientsAsync()).Status.ShouldBe(200);
        (await cashier.RegisterClientAsync(Api.NewClient(1, "nope"))).Status.ShouldBe(403);
    }

    [Fact]
    public async Task UpdateUser_Disable_RevokesTokensOnEveryHostAndRefusesLogin()
    {
        await using var other = await app.StartHostAsync();
        await ProvisioningFixture.EventuallyAsync(() => other.Services.GetRequiredService<RevokedTokens>().IsCurrent,
            TimeSpan.FromSeconds(10), "listening");
        var name = Api.Unique("off");
        var id = await app.Api.AddUserAsync(name, Password, "operator");
        var tokens = new[] { await app.Api.TokenAsync(name, Password), await app.Api.TokenAsync(name, Password) };

        var disabled = (await app.Api.UpdateUserAsync(id, disabled: true)).Expect(200).Data;

        disabled.Disabled.ShouldBeTrue();
        disabled.DisabledAt.ShouldBe(app.Clock.GetCurrentInstant());
        foreach (var token in tokens)
        {
            (await app.Api.As(token).ListClientsAsync()).Status.ShouldBe(401);
            (await GetClientsAsync(other, token)).ShouldBe(HttpStatusCode.Unauthorized);
        }
        var refused = await app.Api.Anonymous.LoginAsync(name, Password);
        refused.Status.ShouldBe(401);
        refused.Problem.Detail.ShouldBe("This user is disabled.");

        (await app.Api.UpdateUserAsync(id, disabled: false)).Expect(200).Data.Disabled.ShouldBeFalse();
        (await app.Api.Anonymous.LoginAsync(name, Password)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task UpdateUser_NothingChanged_KeepsTokens()
    {
        var name = Api.Unique("same");
        var id = await app.Api.AddUserAsync(name, Password, "operator");
        var token = await app.Api.TokenAsync(name, Password);

        (await app.Api.UpdateUserAsync(id, role: "operator", disabled: false)).Expect(200);

        (await app.Api.As(token).ListClientsAsync()).Status.ShouldBe(200);
    }

    [Theory]
    [InlineData("""{"role":"root"}""", 400)]
    [InlineData("""{"disabled":"yes"}""", 400)]
    public async Task UpdateUser_BadBody_Returns400(string body, int status)
    {
        var id = await app.Api.AddUserAsync(Api.Unique("bad"), Password, "operator");
        (await app.Api.SendAsync(HttpMethod.Put, $"/users/{id}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).Status.ShouldBe(status);
    }

    [Fact]
    public async Task UpdateUser_Unknown_Returns404() =>
        (await app.Api.UpdateUserAsync(987_654, role: "operator")).Status.ShouldBe(404);

    [Fact]
    public async Task SetPassword_ByAdmin_RevokesTokensAndOnlyTheNewPasswordWorks()
    {
        var name = Api.Unique("forgot");
        var id = await app.Api.AddUserAsync(name, Password, "cashier");
        var token = await app.Api.TokenAsync(name, Password);

        (await app.Api.SetPasswordAsync(id, "brand-new-pass-2")).Expect(200);

        (await app.Api.As(token).ListClientsAsync()).Status.ShouldBe(401);
        (await app.Api.Anonymous.LoginAsync(name, Password)).Status.ShouldBe(401);
        (await app.Api.Anonymous.LoginAsync(name, "brand-new-pass-2")).Status.ShouldBe(200);
        (await app.Api.SetPasswordAsync(id, "short")).Status.ShouldBe(400);
        (await app.Api.SetPasswordAsync(987_654, "long-enough-1")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task ChangePassword_Own_KeepsThisTokenAndRevokesTheOthers()
    {
        var name = Api.Unique("own");
        await app.Api.AddUserAsync(name, Password, "cashier");
        var current = await app.Api.TokenAsync(name, Password);
        var other = await app.Api.TokenAsync(name, Password);
        var me = app.Api.As(current);

        var wrong = await me.ChangePasswordAsync("not-my-password", "another-pass-3");
        wrong.Status.ShouldBe(400);
        wrong.Problem.ErrorNames.ShouldContain("current_password");
        (await me.ChangePasswordAsync(Password, Password)).Status.ShouldBe(400);
        (await me.ChangePasswordAsync(Password, "another-pass-3")).Expect(200);

        (await me.ListClientsAsync()).Status.ShouldBe(200);
        (await app.Api.As(other).ListClientsAsync()).Status.ShouldBe(401);
        (await app.Api.Anonymous.LoginAsync(name, "another-pass-3")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task UserChanges_AreAuditedWithBeforeAndAfterAndNoPassword()
    {
        var name = Api.Unique("aud");
        var id = await app.Api.AddUserAsync(name, Password, "operator");
        (await app.Api.UpdateUserAsync(id, role: "cashier", disabled: true)).Expect(200);
        (await app.Api.SetPasswordAsync(id, "audited-pass-4")).Expect(200);

        await using var db = app.Db();
        var rows = await db.AuditEntries.Where(a => a.EntityType == "user" && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).ToListAsync();
        rows.Select(r => r.Action).ShouldBe(["user.registered", "user.updated", "user.password_set"]);
        rows.ShouldAllBe(r => r.UserId != null);
        rows[1].Data!.ShouldContain("\"before\"");
        rows[1].Data!.ShouldContain("\"operator\"");
        rows[1].Data!.ShouldContain("\"cashier\"");
        rows.ShouldAllBe(r => r.Data == null || !r.Data.Contains("audited-pass-4") && !r.Data.Contains(Password));
    }

    private static async Task<HttpStatusCode> GetClientsAsync(Alba.IAlbaHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/client");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Server.CreateClient().SendAsync(request);
        return response.StatusCode;
    }
}

/// <summary>Its own database: the test tries to demote and disable the only admin.</summary>
public sealed class LastAdminTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task UpdateUser_LastEnabledAdmin_Returns409()
    {
        await app.Api.AdminTokenAsync();
        await using (var db = app.Db())
        {
            var admin = await db.Users.SingleAsync(u => u.Username == AppFixture.AdminUser);
            (await app.Api.UpdateUserAsync(admin.Id, role: "operator")).Status.ShouldBe(409);
            (await app.Api.UpdateUserAsync(admin.Id, disabled: true)).Status.ShouldBe(409);
        }
        await using var check = app.Db();
        (await check.Users.SingleAsync(u => u.Username == AppFixture.AdminUser)).Role.ShouldBe(UserRole.Admin);
    }

}

/// <summary>Its own database: one of the two admins ends up disabled.</summary>
public sealed class AdminRaceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task UpdateUser_TwoAdminsDisablingEachOtherAtOnce_LeavesOneAdmin()
    {
        var adminToken = await app.Api.AdminTokenAsync();
        var otherId = await app.Api.AddUserAsync("second-admin", "second-admin-1", "admin");
        var otherToken = await app.Api.TokenAsync("second-admin", "second-admin-1");
        int adminId;
        await using (var db = app.Db()) adminId = (await db.Users.SingleAsync(u => u.Username == AppFixture.AdminUser)).Id;

        var answers = await Task.WhenAll(
            app.Api.As(adminToken).UpdateUserAsync(otherId, disabled: true),
            app.Api.As(otherToken).UpdateUserAsync(adminId, disabled: true));

        answers.Count(a => a.Status == 200).ShouldBe(1);
        answers.ShouldAllBe(a => a.Status == 200 || a.Status == 401 || a.Status == 409);
        await using var after = app.Db();
        (await after.Users.CountAsync(u => u.Role == UserRole.Admin && u.DisabledAt == null)).ShouldBe(1);
    }
}
