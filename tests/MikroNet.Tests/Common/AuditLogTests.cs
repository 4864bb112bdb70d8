using Microsoft.EntityFrameworkCore;
using MikroNet.Tests.Driver;
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
        var id = (await app.Api.AddRouterAsync("audited")).ToString();

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
        var router = await app.Api.AddRouterAsync("audit-race");
        await app.Api.AdminTokenAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app.Api.RegisterClientAsync(Api.NewClient(router, "raced"))));

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
