using System.Data;
using System.Data.Common;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// Contexts are pooled and keep their connection for the whole scope (OneConnectionPerScope): the connection must
/// still go back to Npgsql's pool when the scope ends, or every pooled context would hold a server connection.
/// </summary>
public sealed class DbContextPoolTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task EndScope_AfterQueries_ConnectionIsClosedAndNextScopeOpensOne()
    {
        DbConnection first;
        using (var scope = app.Host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            await db.Plans.CountAsync();
            first = db.Database.GetDbConnection();
            await db.Routers.CountAsync();
            db.Database.GetDbConnection().ShouldBeSameAs(first);
            first.State.ShouldBe(ConnectionState.Open);
        }
        first.State.ShouldBe(ConnectionState.Closed);

        for (var i = 0; i < 3; i++)
        {
            using var scope = app.Host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            (await db.Plans.CountAsync()).ShouldBeGreaterThanOrEqualTo(0);
            db.ChangeTracker.Entries().ShouldBeEmpty();
        }
    }
}
