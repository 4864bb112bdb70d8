using Microsoft.EntityFrameworkCore;
using MikroNet.Features.Billing;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing;

public sealed class GenerateConcurrencyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Generate_ThreeAtOnceWithRegistrations_RaisesEachOnceWithGaplessNumbers()
    {
        var router = await app.Api.AddRouterAsync();
        var plan = await app.Api.AddPlanAsync();
        var clients = new List<int>();
        for (var i = 0; i < 15; i++) clients.Add(await app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 25)));
        foreach (var client in clients) await app.Api.PayAllAsync(client);

        var asOf = new LocalDate(2026, 12, 20);
        var generations = Enumerable.Range(0, 3).Select(_ => Task.Run(() => app.GenerateInProcessAsync(asOf))).ToList();
        // Registrations take numbers from the same counter meanwhile.
        var registrations = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => app.Api.AddClientAsync(router, planId: plan, start: new LocalDate(2026, 11, 26)))).ToList();
        var raised = (await Task.WhenAll(generations)).SelectMany(r => r).ToList();
        await Task.WhenAll(registrations);

        raised.Count.ShouldBe(15);
        raised.Select(i => i.ClientId).Order().ShouldBe(clients.Order());
        await using var db = app.Db();
        var sequences = await db.Invoices.Where(i => i.NumberYear == 2026).OrderBy(i => i.NumberSequence)
            .Select(i => i.NumberSequence).ToListAsync();
        sequences.ShouldBe(Enumerable.Range(1, sequences.Count));
        sequences.Count.ShouldBe(15 + 15 + 3);
        (await db.InvoiceNumberCounters.SingleAsync(c => c.Year == 2026)).LastValue.ShouldBe(sequences.Count);
        (await db.Invoices.CountAsync(i => i.Subscription!.PeriodIndex == 1)).ShouldBe(15);
    }

    [Fact]
    public async Task NextNumber_TransactionRolledBack_GivesTheNumberBack()
    {
        await using var db = app.Db();
        var before = (await db.InvoiceNumberCounters.AsNoTracking().SingleOrDefaultAsync(c => c.Year == 2031))?.LastValue ?? 0;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            (await InvoiceNumbers.NextAsync(db, 2031, default)).Sequence.ShouldBe(before + 1);
            await tx.RollbackAsync();
        }
        await using var tx2 = await db.Database.BeginTransactionAsync();
        var (_, sequence, number) = await InvoiceNumbers.NextAsync(db, 2031, default);
        sequence.ShouldBe(before + 1);
        number.ShouldBe($"INV-2031-{before + 1:D6}");
    }
}
