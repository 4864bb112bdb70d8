using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

/// <summary>The SeedValues migration on a database that holds rows written before it, and back.</summary>
public sealed class SeedValuesMigrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Migrate_OldRows_PaymentsBecomeSuccessAndCaseTwinsAreRenamed()
    {
        var client = await app.Api.AddClientAsync(await app.Api.AddRouterAsync(), planId: await app.Api.AddPlanAsync(),
            start: new LocalDate(2026, 11, 25));
        await app.Api.PayAllAsync(client);
        await using var db = app.Db();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_SeedValues")) - 1];

        await migrator.MigrateAsync(before);
        (await ScalarAsync("SELECT string_agg(DISTINCT status, ',') FROM payments")).ShouldBe("completed");
        await ScalarAsync($"INSERT INTO users (username, password_hash, role, created_at) VALUES ('{AppFixture.AdminUser.ToUpperInvariant()}', 'x', 'operator', now()) RETURNING id::text");
        await migrator.MigrateAsync();

        (await ScalarAsync("SELECT string_agg(DISTINCT status, ',') FROM payments")).ShouldBe("success");
        (await ScalarAsync($"SELECT count(*)::text FROM users WHERE lower(username) = '{AppFixture.AdminUser}'")).ShouldBe("1");
        (await ScalarAsync("SELECT count(*)::text FROM users WHERE username LIKE 'ADMIN-%'")).ShouldBe("1");
        await Should.ThrowAsync<PostgresException>(() =>
            ScalarAsync("INSERT INTO users (username, password_hash, role, created_at) VALUES ('aDmIn', 'x', 'operator', now()) RETURNING ''"));
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
