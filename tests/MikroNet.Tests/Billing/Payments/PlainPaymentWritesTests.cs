using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using MikroNet.Features.Billing.Payments;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Npgsql;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Billing.Payments;

/// <summary>
/// A payment that gives no credit and restores no one is written outside the change tracker (RowWrites): its rows must
/// be the very rows SaveChanges writes, a failure must leave nothing behind, and a payment that restores a client must
/// still go through the DbContext. Here no message channel is configured; PaymentWritesTests compares the rows with
/// receipt messages.
/// </summary>
public sealed class PlainPaymentWritesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 8, 30, 15).PlusNanoseconds(123_456_000);
    private static readonly LocalDate Today = new(2026, 11, 27);

    [Theory]
    [InlineData(150_000, "partial")]
    [InlineData(10_000, "whole")]
    public async Task Post_PaymentOfAClientNotIsolated_WritesTheRowsSaveChangesWrites(int price, string kind)
    {
        var plain = await app.Api.OpenInvoiceAsync(price);
        var saved = await app.Api.OpenInvoiceAsync(price);

        var plainPayment = await PayAsync(plain, $"plain-rows-{kind}", untracked: true, async (book, db, posted, answer, tx) =>
        {
            posted.Writes.ShouldNotBeNull();
            db.ChangeTracker.Entries().ShouldBeEmpty();
            await book.SaveAndCommitAsync(posted, answer, tx, default);
        });
        var savedPayment = await PayAsync(saved, $"plain-saved-{kind}", untracked: false, async (_, db, posted, answer, tx) =>
        {
            posted.Writes.ShouldBeNull();
            db.IdempotencyRecords.Add(answer!);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        });

        await using var db = app.Db();
        SameRows.Same(db, await db.Payments.SingleAsync(p => p.Id == plainPayment), await db.Payments.SingleAsync(p => p.Id == savedPayment),
            nameof(Payment.Id), nameof(Payment.InvoiceId), nameof(Payment.IdempotencyKey));
        SameRows.Same(db, await db.Invoices.SingleAsync(i => i.Id == plain), await db.Invoices.SingleAsync(i => i.Id == saved),
            nameof(Invoice.Id), nameof(Invoice.Number), nameof(Invoice.NumberSequence), nameof(Invoice.ClientId),
            nameof(Invoice.SubscriptionId), nameof(Invoice.CreatedAt));
        var plainAudit = await db.AuditEntries.SingleAsync(a => a.Action == "payment.recorded" && a.EntityId == plain.ToString());
        var savedAudit = await db.AuditEntries.SingleAsync(a => a.Action == "payment.recorded" && a.EntityId == saved.ToString());
        SameRows.Same(db, plainAudit, savedAudit, nameof(AuditEntry.Id), nameof(AuditEntry.EntityId), nameof(AuditEntry.Data));
        plainAudit.Address.ShouldBe(FromAddress.Address);
        SameRows.WithoutPaymentId(plainAudit.Data, plainPayment).ShouldBe(SameRows.WithoutPaymentId(savedAudit.Data, savedPayment));
        SameRows.Same(db, await db.IdempotencyRecords.SingleAsync(r => r.Key == $"plain-rows-{kind}"),
            await db.IdempotencyRecords.SingleAsync(r => r.Key == $"plain-saved-{kind}"), nameof(IdempotencyRecord.Key));
        (await db.Invoices.SingleAsync(i => i.Id == plain)).Status
            .ShouldBe(kind == "whole" ? InvoiceStatus.Paid : InvoiceStatus.PartiallyPaid);
    }

    [Fact]
    public async Task Post_WholeBalanceOfAnIsolatedClient_TracksAndRestoresThroughTheContext()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(10_000m);
        int clientId;
        await using (var setup = app.Db())
        {
            clientId = (await setup.Invoices.SingleAsync(i => i.Id == invoiceId)).ClientId;
            await setup.Clients.Where(c => c.Id == clientId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsolatedAt, AppFixture.Start));
        }

        await PayAsync(invoiceId, "plain-restore", untracked: true, async (book, db, posted, answer, tx) =>
        {
            posted.Writes.ShouldBeNull();
            posted.ClientRestored.ShouldBeTrue();
            db.ChangeTracker.Entries<Invoice>().ShouldHaveSingleItem().State.ShouldBe(EntityState.Modified);
            await book.SaveAndCommitAsync(posted, answer, tx, default);
        });

        await using var db = app.Db();
        (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).Status.ShouldBe(InvoiceStatus.Paid);
        (await db.Clients.SingleAsync(c => c.Id == clientId)).IsolatedAt.ShouldBeNull();
        (await db.AuditEntries.CountAsync(a => a.Action == "client.restored" && a.EntityId == clientId.ToString())).ShouldBe(1);
        (await db.IdempotencyRecords.CountAsync(r => r.Key == "plain-restore")).ShouldBe(1);
    }

    [Fact]
    public async Task SaveAndCommit_PlainStatementFails_CommitsNothing()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(150_000m);
        await using (var setup = app.Db())
        {
            IdempotentAnswers.Remember(setup, "test", "plain-taken", "other", 201, "{}", Now);
            await setup.SaveChangesAsync();
        }

        // The idempotency row goes last, after the payment, invoice and audit statements ran: it fails.
        await PayAsync(invoiceId, "plain-fails", untracked: true, async (book, _, posted, _, tx) =>
            (await Should.ThrowAsync<PostgresException>(() => book.SaveAndCommitAsync(posted,
                IdempotentAnswers.Record("test", "plain-taken", "fingerprint", 201, "{}", Now), tx, default)))
            .SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation));

        await using var check = app.Db();
        (await check.Invoices.SingleAsync(i => i.Id == invoiceId)).AmountPaid.ShouldBe(0m);
        (await check.Payments.CountAsync(p => p.InvoiceId == invoiceId)).ShouldBe(0);
        (await check.AuditEntries.CountAsync(a => a.EntityId == invoiceId.ToString() && a.Action == "payment.recorded")).ShouldBe(0);
        (await check.IdempotencyRecords.SingleAsync(r => r.Key == "plain-taken")).RequestHash.ShouldBe("other");
    }

    [Fact]
    public async Task WriteAndCommit_ContextTracksAChange_RefusesAndWritesNothing()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(150_000m);
        using var scope = app.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
            invoice.AmountPaid = 1m;
            var rows = new RowWrites();
            rows.Add(AuditLog.Entry(null, Now, "test.refused", "invoice", invoiceId));
            await Should.ThrowAsync<InvalidOperationException>(() => db.WriteAndCommitAsync(tx, rows, PaymentBook.Rows, default));
        }

        await using var check = app.Db();
        (await check.Invoices.SingleAsync(i => i.Id == invoiceId)).AmountPaid.ShouldBe(0m);
        (await check.AuditEntries.CountAsync(a => a.Action == "test.refused")).ShouldBe(0);
    }

    [Fact]
    public async Task Pay_TenAtOnceOnOneInvoice_EveryPaymentCountedExactly()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(150_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => app.Api.PayAsync(invoiceId, 14_999.99m, key: $"plain-ten-{i}"))));

        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Data.Invoice.AmountPaid).Order().ShouldBe(Enumerable.Range(1, 10).Select(n => n * 14_999.99m));
        await using var db = app.Db();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        invoice.AmountPaid.ShouldBe(149_999.90m);
        invoice.Status.ShouldBe(InvoiceStatus.PartiallyPaid);
        (await db.Payments.Where(p => p.InvoiceId == invoiceId).SumAsync(p => p.Amount)).ShouldBe(149_999.90m);
        (await db.AuditEntries.CountAsync(a => a.EntityId == invoiceId.ToString() && a.Action == "payment.recorded")).ShouldBe(10);
        (await db.IdempotencyRecords.CountAsync(r => r.Key.StartsWith("plain-ten-"))).ShouldBe(10);
    }

    [Fact]
    public async Task Pay_ReplayedKeyTenAtOnce_PaysOnceAndAnswersTheSameBytes()
    {
        var invoiceId = await app.Api.OpenInvoiceAsync(150_000m);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => app.Api.PayAsync(invoiceId, 20_000m, key: "plain-replay"))));

        answers.ShouldAllBe(a => a.Status == 201);
        answers.Select(a => a.Text).Distinct().Count().ShouldBe(1);
        await using var db = app.Db();
        (await db.Payments.CountAsync(p => p.InvoiceId == invoiceId)).ShouldBe(1);
        (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).AmountPaid.ShouldBe(20_000m);
    }

    private delegate Task Save(PaymentBook book, MikroNetDb db, PostedPayment posted, IdempotencyRecord? answer,
        IDbContextTransaction transaction);

    /// <summary>A payment of 10,000 as the endpoint records it, from a request's address, saved by <paramref name="save"/>.</summary>
    private Task<int> PayAsync(int invoiceId, string key, bool untracked, Save save) =>
        FromAddress.RunAsync(app.Host.Services, async scope =>
        {
            var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
            var book = scope.ServiceProvider.GetRequiredService<PaymentBook>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var locked = (await book.LockForPaymentAsync(invoiceId, "test", key, default, untracked))!;
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "1")]));
            var posted = await book.PostAsync(locked, new PaymentEntry(10_000m, Today, PaymentMethod.BankTransfer,
                "TRX-ÄÖ \"1\"", key, 1), user, Now, Today, default);
            await save(book, db, posted, IdempotentAnswers.Record("test", key, "fingerprint", 201, """{"answer":"ok"}""", Now), tx);
            return locked.PaymentId;
        });
}
