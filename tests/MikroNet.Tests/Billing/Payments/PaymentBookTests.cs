using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Payments;

/// <summary>
/// LockForPaymentAsync reads in one batch what separate EF queries read before: the same values, tracked the same
/// way, and each statement after the lock sees what the lock's previous holder committed.
/// </summary>
public sealed class PaymentBookTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task LockForPayment_EveryKindOfColumn_ReadsWhatEfQueriesRead()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(100_000m);
        int clientId;
        await using (var setup = app.Db())
        {
            clientId = (await setup.Invoices.SingleAsync(i => i.Id == invoiceId)).ClientId;
            await setup.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Email, "budi@example.com")
                .SetProperty(c => c.NotificationChannels, new[] { "email", "sms" })
                .SetProperty(c => c.IsolatedAt, AppFixture.Start)
                .SetProperty(c => c.CancelOn, new LocalDate(2027, 1, 31))
                .SetProperty(c => c.CreditBalance, 1_234.5m)
                .SetProperty(c => c.ProvisioningState, ProvisioningState.Failed));
            IdempotentAnswers.Remember(setup, "test", "read-1", "hash", 201, """{"a":1}""", AppFixture.Start);
            await setup.SaveChangesAsync();
        }

        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var locked = (await scope.ServiceProvider.GetRequiredService<PaymentBook>()
            .LockForPaymentAsync(invoiceId, "test", "read-1", CancellationToken.None))!;

        await using var ef = app.Db();
        SameColumns(ef, locked.Invoice, await ef.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId));
        SameColumns(ef, locked.Client!, await ef.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId));
        SameColumns(ef, locked.FirstAnswer!, await ef.IdempotencyRecords.AsNoTracking()
            .SingleAsync(r => r.Scope == "test" && r.Key == "read-1"));
        db.Entry(locked.Invoice).State.ShouldBe(EntityState.Unchanged);
        db.Entry(locked.Client!).State.ShouldBe(EntityState.Detached);
        db.ChangeTracker.Entries<IdempotencyRecord>().ShouldBeEmpty();
        (await ef.Payments.AnyAsync(p => p.Id == locked.PaymentId)).ShouldBeFalse();
        locked.PaymentId.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task LockForPayment_DeletedClientOrMissingInvoice_ReadsNoClientOrNothing()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(100_000m);
        await using (var setup = app.Db())
        {
            var clientId = (await setup.Invoices.SingleAsync(i => i.Id == invoiceId)).ClientId;
            await setup.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, AppFixture.Start));
        }

        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        var book = scope.ServiceProvider.GetRequiredService<PaymentBook>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var locked = (await book.LockForPaymentAsync(invoiceId, null, null, CancellationToken.None))!;
        locked.Client.ShouldBeNull();
        locked.FirstAnswer.ShouldBeNull();
        (await book.LockForPaymentAsync(999_999, null, null, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task LockForPayment_KeyCommittedWhileWaitingForTheLock_FindsTheFirstAnswer()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(100_000m);
        using var first = app.Host.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using var firstTx = await firstDb.Database.BeginTransactionAsync();
        (await first.ServiceProvider.GetRequiredService<PaymentBook>()
            .LockForPaymentAsync(invoiceId, "test", "wait-1", CancellationToken.None))!.FirstAnswer.ShouldBeNull();
        IdempotentAnswers.Remember(firstDb, "test", "wait-1", "first", 201, "{}", AppFixture.Start);
        await firstDb.SaveChangesAsync();

        using var second = app.Host.Services.CreateScope();
        await using var secondTx = await second.ServiceProvider.GetRequiredService<MikroNetDb>().Database.BeginTransactionAsync();
        var waiting = second.ServiceProvider.GetRequiredService<PaymentBook>()
            .LockForPaymentAsync(invoiceId, "test", "wait-1", CancellationToken.None);
        await Task.Delay(300);
        waiting.IsCompleted.ShouldBeFalse();
        await firstTx.CommitAsync();

        (await waiting)!.FirstAnswer!.RequestHash.ShouldBe("first");
    }

    [Fact]
    public async Task LockForPayment_InvoiceChangedWhileWaitingForTheLock_ReadsTheNewRowAndAFreshId()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(100_000m);
        using var first = app.Host.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using var firstTx = await firstDb.Database.BeginTransactionAsync();
        var held = (await first.ServiceProvider.GetRequiredService<PaymentBook>()
            .LockForPaymentAsync(invoiceId, null, null, CancellationToken.None))!;
        held.Invoice.AmountPaid += 25_000m;
        await firstDb.SaveChangesAsync();

        using var second = app.Host.Services.CreateScope();
        await using var secondTx = await second.ServiceProvider.GetRequiredService<MikroNetDb>().Database.BeginTransactionAsync();
        var waiting = second.ServiceProvider.GetRequiredService<PaymentBook>()
            .LockForPaymentAsync(invoiceId, null, null, CancellationToken.None);
        await Task.Delay(300);
        waiting.IsCompleted.ShouldBeFalse();
        await firstTx.CommitAsync();

        // The lock's statement reads the row the first holder committed (PostgreSQL rechecks it), with its own id.
        var locked = (await waiting)!;
        locked.Invoice.AmountPaid.ShouldBe(held.Invoice.AmountPaid);
        locked.PaymentId.ShouldBeGreaterThan(held.PaymentId);
    }

    [Fact]
    public async Task LockForPayment_InvoiceAlreadyTracked_AnswersTheTrackedInstance()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(100_000m);
        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var tracked = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        var client = await db.Clients.SingleAsync(c => c.Id == tracked.ClientId);

        var locked = (await scope.ServiceProvider.GetRequiredService<PaymentBook>()
            .LockForPaymentAsync(invoiceId, null, null, CancellationToken.None))!;

        locked.Invoice.ShouldBeSameAs(tracked);
        db.Track(locked.Client!).ShouldBeSameAs(client);
        db.ChangeTracker.Entries().Count().ShouldBe(2);
        // The lookup of the tracked instance switches change detection off for a moment, and back on.
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1_000, false)]
    [InlineData(100_000, true)]
    public async Task Post_NoChannelToSendOn_TracksTheClientOnlyWhenTheInvoiceIsSettled(decimal amount, bool tracked)
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(100_000m);
        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        var book = scope.ServiceProvider.GetRequiredService<PaymentBook>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var locked = (await book.LockForPaymentAsync(invoiceId, null, null, CancellationToken.None))!;

        await book.PostAsync(locked, new PaymentEntry(amount, new LocalDate(2026, 1, 5), PaymentMethod.Cash, null),
            null, AppFixture.Start, new LocalDate(2026, 1, 5), CancellationToken.None);

        db.ChangeTracker.Entries<Client>().Any().ShouldBe(tracked);
        db.ChangeTracker.Entries<Notification>().ShouldBeEmpty();
    }

    /// <summary>Every mapped property, as EF's model lists them, so a column added later is compared too.</summary>
    private static void SameColumns<T>(MikroNetDb db, T read, T queried) where T : class
    {
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties())
            property.PropertyInfo!.GetValue(read).ShouldBe(property.PropertyInfo.GetValue(queried), $"{typeof(T).Name}.{property.Name}");
    }
}
