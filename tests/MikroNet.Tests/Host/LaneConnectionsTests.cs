using Microsoft.Extensions.DependencyInjection;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// The lanes that send reads and payments together have connections of their own: requests keep their pooled
/// connection while they wait for a lane, so lanes drawing on the same pool could be left with none.
/// </summary>
public sealed class LaneConnectionsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Lanes_EveryPooledConnectionHeld_PaymentsAndDetailsStillAnswer()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync(100_000m);
        var client = await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25));
        var invoice = (await app.Api.InvoicesAsync(client))[0].InvoiceId;
        var pool = app.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < new NpgsqlConnectionStringBuilder(pool.ConnectionString).MaxPoolSize; i++)
                held.Add(await pool.OpenConnectionAsync());

            (await app.Api.PayAsync(invoice, 1_000m, key: "held-pool")).Status.ShouldBe(201);
            (await app.Api.ClientDetailsAsync(client)).Status.ShouldBe(200);
        }
        finally
        {
            foreach (var connection in held) await connection.DisposeAsync();
        }
    }
}
