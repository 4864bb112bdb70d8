using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Features.Notifications;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Payments;

/// <summary>Messages on two channels are queued (not sent): a payment then writes every kind of row it can.</summary>
public sealed class TwoChannelsFixture : AppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Notifications:DefaultChannels:0", "whatsapp"),
        new("Notifications:DefaultChannels:1", "email"),
        new("Notifications:Smtp:Host", "127.0.0.1"),
        new("Notifications:Smtp:From", "billing@mikronet.test"),
        new("Notifications:Providers:wa:Channel", "whatsapp"),
        new("Notifications:Providers:wa:Url", "http://127.0.0.1:9/send"),
        new("Notifications:Providers:wa:Body", """{"to":{{ to_digits | json }}}"""),
    ];
}

/// <summary>
/// A common payment's rows are written as one batch ending in COMMIT (BatchWrites), no longer by SaveChanges: the
/// rows must be the very rows SaveChanges writes, a failure must leave nothing behind, and any other kind of change
/// must still be saved.
/// </summary>
public sealed class PaymentWritesTests(TwoChannelsFixture app) : IClassFixture<TwoChannelsFixture>
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 26, 8, 30, 15).PlusNanoseconds(123_456_000);
    private static readonly LocalDate Today = new(2026, 11, 26);

    [Fact]
    public async Task SaveAndCommit_CommonPayment_WritesTheRowsSaveChangesWrites()
    {
        var batched = await InvoiceOfClientWithEmailAsync();
        var saved = await InvoiceOfClientWithEmailAsync();

        var batchedPayment = await PayAsync(batched, "rows-batched", (db, tx) => db.SaveAndCommitAsync(tx, PaymentBook.Rows, default));
        var savedPayment = await PayAsync(saved, "rows-saved", async (db, tx) =>
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });

        await using var db = app.Db();
        SameRows.Same(db, await db.Payments.SingleAsync(p => p.Id == batchedPayment), await db.Payments.SingleAsync(p => p.Id == savedPayment),
            nameof(Payment.Id), nameof(Payment.InvoiceId), nameof(Payment.IdempotencyKey));
        SameRows.Same(db, await db.Invoices.SingleAsync(i => i.Id == batched), await db.Invoices.SingleAsync(i => i.Id == saved),
            nameof(Invoice.Id), nameof(Invoice.Number), nameof(Invoice.NumberSequence), nameof(Invoice.ClientId),
            nameof(Invoice.SubscriptionId), nameof(Invoice.CreatedAt));
        var batchedAudit = await db.AuditEntries.SingleAsync(a => a.Action == "payment.recorded" && a.EntityId == batched.ToString());
        var savedAudit = await db.AuditEntries.SingleAsync(a => a.Action == "payment.recorded" && a.EntityId == saved.ToString());
        SameRows.Same(db, batchedAudit, savedAudit, nameof(AuditEntry.Id), nameof(AuditEntry.EntityId), nameof(AuditEntry.Data));
        batchedAudit.Address.ShouldBe(FromAddress.Address);
        SameRows.WithoutPaymentId(batchedAudit.Data, batchedPayment).ShouldBe(SameRows.WithoutPaymentId(savedAudit.Data, savedPayment));
        SameRows.Same(db, await db.IdempotencyRecords.SingleAsync(r => r.Key == "rows-batched"),
            await db.IdempotencyRecords.SingleAsync(r => r.Key == "rows-saved"), nameof(IdempotencyRecord.Key));
        var batchedMessages = await db.Notifications.Where(n => n.PaymentId == batchedPayment).OrderBy(n => n.Channel).ToListAsync();
        var savedMessages = await db.Notifications.Where(n => n.PaymentId == savedPayment).OrderBy(n => n.Channel).ToListAsync();
        batchedMessages.Select(n => n.Channel).ShouldBe([NotificationChannel.Email, NotificationChannel.Whatsapp]);
        batchedMessages.Count.ShouldBe(savedMessages.Count);
        foreach (var (mine, theirs) in batchedMessages.Zip(savedMessages))
        {
            SameRows.Same(db, mine, theirs, nameof(Notification.Id), nameof(Notification.ClientId), nameof(Notification.InvoiceId),
                nameof(Notification.PaymentId), nameof(Notification.Recipient), nameof(Notification.OrderKey));
            mine.OrderKey.ShouldBe($"{mine.ClientId}:{Channels.Name(mine.Channel)}");
            mine.InvoiceId.ShouldBe(batched);
        }
    }

    [Fact]
    public async Task Post_PartialPaymentUntracked_WritesTheRowsAndMessagesSaveChangesWrites()
    {
        var plain = await InvoiceOfClientWithEmailAsync();
        var saved = await InvoiceOfClientWithEmailAsync();

        var plainPayment = await PayUntrackedAsync(plain, "rows-plain");
        var savedPayment = await PayAsync(saved, "rows-plain-saved", async (db, tx) =>
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });

        await using var db = app.Db();
        SameRows.Same(db, await db.Payments.SingleAsync(p => p.Id == plainPayment), await db.Payments.SingleAsync(p => p.Id == savedPayment),
            nameof(Payment.Id), nameof(Payment.InvoiceId), nameof(Payment.IdempotencyKey));
        SameRows.Same(db, await db.Invoices.SingleAsync(i => i.Id == plain), await db.Invoices.SingleAsync(i => i.Id == saved),
            nameof(Invoice.Id), nameof(Invoice.Number), nameof(Invoice.NumberSequence), nameof(Invoice.ClientId),
            nameof(Invoice.SubscriptionId), nameof(Invoice.CreatedAt));
        var plainMessages = await db.Notifications.Where(n => n.PaymentId == plainPayment).OrderBy(n => n.Channel).ToListAsync();
        var savedMessages = await db.Notifications.Where(n => n.PaymentId == savedPayment).OrderBy(n => n.Channel).ToListAsync();
        plainMessages.Select(n => n.Channel).ShouldBe([NotificationChannel.Email, NotificationChannel.Whatsapp]);
        plainMessages.Count.ShouldBe(savedMessages.Count);
        foreach (var (mine, theirs) in plainMessages.Zip(savedMessages))
        {
            SameRows.Same(db, mine, theirs, nameof(Notification.Id), nameof(Notification.ClientId), nameof(Notification.InvoiceId),
                nameof(Notification.PaymentId), nameof(Notification.Recipient), nameof(Notification.OrderKey));
            mine.OrderKey.ShouldBe($"{mine.ClientId}:{Channels.Name(mine.Channel)}");
            mine.InvoiceId.ShouldBe(plain);
        }
        var plainAudit = await db.AuditEntries.SingleAsync(a => a.Action == "payment.recorded" && a.EntityId == plain.ToString());
        var savedAudit = await db.AuditEntries.SingleAsync(a => a.Action == "payment.recorded" && a.EntityId == saved.ToString());
        SameRows.Same(db, plainAudit, savedAudit, nameof(AuditEntry.Id), nameof(AuditEntry.EntityId), nameof(AuditEntry.Data));
        SameRows.Same(db, await db.IdempotencyRecords.SingleAsync(r => r.Key == "rows-plain"),
            await db.IdempotencyRecords.SingleAsync(r => r.Key == "rows-plain-saved"), nameof(IdempotencyRecord.Key));
    }

    [Fact]
    public async Task SaveAndCommit_TrackedEntitiesAfterwards_AreSavedWithTheirDatabaseValues()
    {
        var invoiceId = await InvoiceOfClientWithEmailAsync();
        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await PostAsync(scope, db, invoiceId, "tracked-1");
            await db.SaveAndCommitAsync(tx, PaymentBook.Rows, default);
        }

        db.ChangeTracker.Entries().ShouldAllBe(e => e.State == EntityState.Unchanged);
        var audit = db.ChangeTracker.Entries<AuditEntry>().Single().Entity;
        audit.Id.ShouldBeGreaterThan(0);
        foreach (var message in db.ChangeTracker.Entries<Notification>().Select(e => e.Entity))
        {
            message.Id.ShouldBeGreaterThan(0);
            message.OrderKey.ShouldBe($"{message.ClientId}:{Channels.Name(message.Channel)}");
        }
        await using var check = app.Db();
        (await check.AuditEntries.AnyAsync(a => a.Id == audit.Id && a.Action == "payment.recorded")).ShouldBeTrue();
    }

    [Fact]
    public async Task SaveAndCommit_StatementFails_CommitsNothing()
    {
        var second = await InvoiceOfClientWithEmailAsync();
        await using (var setup = app.Db())
        {
            IdempotentAnswers.Remember(setup, "test", "fails-taken", "other", 201, "{}", Now);
            await setup.SaveChangesAsync();
        }

        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            // The idempotency row goes last, after the payment, invoice, message and audit statements ran: it fails.
            await PostAsync(scope, db, second, "fails-1", rememberAs: "fails-taken");
            (await Should.ThrowAsync<PostgresException>(() => db.SaveAndCommitAsync(tx, PaymentBook.Rows, default)))
                .SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        }

        await using var check = app.Db();
        (await check.Invoices.SingleAsync(i => i.Id == second)).AmountPaid.ShouldBe(0m);
        (await check.Payments.CountAsync(p => p.InvoiceId == second || p.IdempotencyKey == "fails-1")).ShouldBe(0);
        (await check.AuditEntries.CountAsync(a => a.EntityId == second.ToString() && a.Action == "payment.recorded")).ShouldBe(0);
        (await check.IdempotencyRecords.SingleAsync(r => r.Key == "fails-taken")).RequestHash.ShouldBe("other");
        (await check.Notifications.CountAsync(n => n.InvoiceId == second && n.Event == NotificationEvent.PaymentReceived)).ShouldBe(0);
    }

    [Fact]
    public async Task SaveAndCommit_AnotherKindOfChange_SavesItAllWithSaveChanges()
    {
        var invoiceId = await InvoiceOfClientWithEmailAsync();
        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var locked = await PostAsync(scope, db, invoiceId, "other-kind-1");
            locked.Client!.Address = "Jl. Merdeka 17";
            await db.SaveAndCommitAsync(tx, PaymentBook.Rows, default);
        }

        await using var check = app.Db();
        var invoice = await check.Invoices.SingleAsync(i => i.Id == invoiceId);
        invoice.AmountPaid.ShouldBe(10_000m);
        (await check.Clients.SingleAsync(c => c.Id == invoice.ClientId)).Address.ShouldBe("Jl. Merdeka 17");
        (await check.Payments.CountAsync(p => p.IdempotencyKey == "other-kind-1")).ShouldBe(1);
    }

    [Fact]
    public async Task Pay_TenAtOnceOnOneInvoice_EveryPaymentCountedExactly()
    {
        var invoiceId = await InvoiceOfClientWithEmailAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => app.Api.PayAsync(invoiceId, 14_999.99m, key: $"ten-{i}"))));

        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Data.Invoice.AmountPaid).Order().ShouldBe(Enumerable.Range(1, 10).Select(n => n * 14_999.99m));
        await using var db = app.Db();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        invoice.AmountPaid.ShouldBe(149_999.90m);
        invoice.Status.ShouldBe(InvoiceStatus.PartiallyPaid);
        (await db.Payments.Where(p => p.InvoiceId == invoiceId).SumAsync(p => p.Amount)).ShouldBe(149_999.90m);
        (await db.AuditEntries.CountAsync(a => a.EntityId == invoiceId.ToString() && a.Action == "payment.recorded")).ShouldBe(10);
        (await db.IdempotencyRecords.CountAsync(r => r.Key.StartsWith("ten-"))).ShouldBe(10);
        (await db.Notifications.CountAsync(n => n.InvoiceId == invoiceId && n.Event == NotificationEvent.PaymentReceived)).ShouldBe(20);
    }

    [Fact]
    public async Task Pay_ReplayedKeyTenAtOnce_PaysOnceAndAnswersTheSameBytes()
    {
        var invoiceId = await InvoiceOfClientWithEmailAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => app.Api.PayAsync(invoiceId, 20_000m, key: "replay-ten"))));

        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Text).Distinct().Count().ShouldBe(1);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoiceId)).ShouldBe(1);
        (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).AmountPaid.ShouldBe(20_000m);
        (await db.Notifications.CountAsync(n => n.InvoiceId == invoiceId && n.Event == NotificationEvent.PaymentReceived)).ShouldBe(2);
    }

    [Fact]
    public async Task Pay_OneKeyOnTenInvoicesAtOnce_OnePaymentTheRestConflict()
    {
        var invoices = new List<int>();
        for (var i = 0; i < 10; i++) invoices.Add(await app.Api.OpenInvoiceAsync(50_000m));
        var answers = await Task.WhenAll(invoices.Select(id => Task.Run(() => app.Api.PayAsync(id, 5_000m, key: "one-key-ten"))));

        answers.Count(a => a.Status == 201).ShouldBe(1);
        answers.Count(a => a.Status == 409).ShouldBe(9);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => invoices.Contains(p.InvoiceId))).ShouldBe(1);
        (await db.Invoices.Where(i => invoices.Contains(i.Id)).SumAsync(i => i.AmountPaid)).ShouldBe(5_000m);
        (await db.AuditEntries.CountAsync(a => a.Action == "payment.recorded"
            && invoices.Select(i => i.ToString()).Contains(a.EntityId))).ShouldBe(1);
    }

    private async Task<int> InvoiceOfClientWithEmailAsync()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(150_000m);
        await using var db = app.Db();
        var clientId = (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).ClientId;
        await db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, $"client{clientId}@example.com"));
        return invoiceId;
    }

    /// <summary>A payment of 10,000 as the endpoint records it, saved by <paramref name="save"/> from a request's address.</summary>
    private Task<int> PayAsync(int invoiceId, string key, Func<MikroNetDb, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction, Task> save) =>
        FromAddress.RunAsync(app.Host.Services, async scope =>
        {
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var locked = await PostAsync(scope, db, invoiceId, key);
            await save(db, tx);
            return locked.PaymentId;
        });

    /// <summary>The same payment with the invoice read untracked, saved by its book outside the change tracker.</summary>
    private Task<int> PayUntrackedAsync(int invoiceId, string key) =>
        FromAddress.RunAsync(app.Host.Services, async scope =>
        {
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            var book = scope.ServiceProvider.GetRequiredService<PaymentBook>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var plain = (await book.LockForPaymentAsync(invoiceId, "test", key, default, untracked: true))!;
            var posted = await book.PostAsync(plain, Entry(key), User, Now, Today, default);
            posted.Writes.ShouldNotBeNull();
            db.ChangeTracker.Entries().ShouldBeEmpty();
            await book.SaveAndCommitAsync(posted,
                IdempotentAnswers.Record("test", key, "fingerprint", 201, """{"answer":"ok"}""", Now), tx, default);
            return plain.PaymentId;
        });

    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "1")]));

    /// <summary>A payment of 10,000 as the endpoint records it.</summary>
    private static PaymentEntry Entry(string key) => new(10_000m, Today, PaymentMethod.BankTransfer, "TRX-ÄÖ \"1\"", key, 1);

    private static async Task<LockedInvoice> PostAsync(IServiceScope scope, MikroNetDb db, int invoiceId, string key,
        string? rememberAs = null)
    {
        var book = scope.ServiceProvider.GetRequiredService<PaymentBook>();
        var locked = (await book.LockForPaymentAsync(invoiceId, "test", rememberAs ?? key, default))!;
        await book.PostAsync(locked, Entry(key), User, Now, Today, default);
        IdempotentAnswers.Remember(db, "test", rememberAs ?? key, "fingerprint", 201, """{"answer":"ok"}""", Now);
        return locked;
    }
}
