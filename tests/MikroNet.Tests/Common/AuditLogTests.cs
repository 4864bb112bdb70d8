using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Clients;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Common;

/// <summary>An audit row is saved with its change, in the same SaveChanges, and carries the new record's id.</summary>
public sealed class AuditLogTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Create_Router_AuditRowCarriesTheNewId()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/routers",
            new { name = "audited", host = "127.0.0.1", username = "api", password = "router-pass" });

        status.ShouldBe(201);
        var id = body.GetProperty("data").GetProperty("router_id").GetInt32().ToString();
        await using var db = app.Db();
        (await db.AuditEntries.Where(a => a.EntityType == "router" && a.EntityId == id).Select(a => a.Action).ToListAsync())
            .ShouldBe(["router.registered"]);
    }

    /// <summary>
    /// Ten registrations of one secret name at once: all pass the endpoint's check, the unique index lets one
    /// insert through, and the audit rows of the others roll back with their failed inserts.
    /// </summary>
    [Fact]
    public async Task Register_TenAtOnceWithOneSecretName_OneClientAndOneAuditRow()
    {
        var router = await app.RouterAsync("audit-race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.AdminAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(router, "raced"))));

        answers.Count(a => a.Status == 201).ShouldBe(1);
        answers.ShouldAllBe(a => a.Status == 201 || a.Status == 409);
        await using var db = app.Db();
        var ids = await db.Clients.Where(c => c.PppSecretName == "raced").Select(c => c.Id.ToString()).ToListAsync();
        ids.Count.ShouldBe(1);
        var audited = (await db.AuditEntries.Where(a => a.Action == "client.registered").ToListAsync())
            .Where(a => a.Data!.Contains("\"raced\"")).ToList();
        audited.ShouldHaveSingleItem().EntityId.ShouldBe(ids[0]);
    }
}
