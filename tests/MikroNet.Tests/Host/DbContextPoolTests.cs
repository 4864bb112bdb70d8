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
/// Contexts are pooled and keep their connection for the whole scope (OneConnectionPerScope): whichever way a scope
/// ends, the connection must go back to Npgsql's pool, or every pooled context would hold a server connection and a
/// busy host would run out of them. A pooled context goes back when its scope ends, not when it is disposed: tests
/// take contexts of their own (AppFixture.Db), which close their connection when disposed.
/// </summary>
public sealed class DbContextPoolTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ReturnContext_EveryWay_ItsConnectionIsClosed()
    {
        DbConnection connection;
        using (var scope = app.Host.Services.CreateScope())
            connection = await QueryAsync(scope.ServiceProvider.GetRequiredService<MikroNetDb>());
        connection.State.ShouldBe(ConnectionState.Closed, "scope disposed");
        await using (var scope = app.Host.Services.CreateAsyncScope())
            connection = await QueryAsync(scope.ServiceProvider.GetRequiredService<MikroNetDb>());
        connection.State.ShouldBe(ConnectionState.Closed, "scope disposed asynchronously");
        await using (var db = app.Db())
            connection = await QueryAsync(db);
        connection.State.ShouldBe(ConnectionState.Closed, "the tests' own context disposed");
    }

    [Fact]
    public async Task Queries_InOneScope_OneConnectionUntilTheScopeEnds()
    {
        DbConnection connection;
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            await db.Plans.CountAsync();
            connection = db.Database.GetDbConnection();
            await db.Routers.CountAsync();
            db.Database.GetDbConnection().ShouldBeSameAs(connection);
            connection.State.ShouldBe(ConnectionState.Open);
        }
        connection.State.ShouldBe(ConnectionState.Closed);
    }

    private static async Task<DbConnection> QueryAsync(MikroNetDb db)
    {
        await db.Plans.CountAsync();
        return db.Database.GetDbConnection();
    }
}
