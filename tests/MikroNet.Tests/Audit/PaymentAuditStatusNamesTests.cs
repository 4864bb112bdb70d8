using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Persistence.Migrations;
using MikroNet.Tests.Fixtures;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Audit;

/// <summary>The migration that names the invoice status in the payment audit rows written before it.</summary>
public sealed class PaymentAuditStatusNamesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Migrate_OldPaymentRows_GetTheStatusNameAndNothingElseChanges()
    {
        await using var db = app.Db();
        var entity = $"names-{Guid.NewGuid():N}"[..30];
        string[] data =
        [
            """{"amount": 5, "invoice_status": 0}""", """{"amount": 5, "invoice_status": 1}""",
            """{"amount": 5, "invoice_status": 2}""", """{"amount": 5, "invoice_status": 4}""",
            """{"amount": 5, "invoice_status": "paid"}""", """{"amount": 5, "invoice_status": 9}""",
        ];
        foreach (var json in data)
            db.AuditEntries.Add(new AuditEntry { At = SystemClock.Instance.GetCurrentInstant(), Action = "payment.recorded",
                EntityType = "invoice", EntityId = entity, Data = json });
        db.AuditEntries.Add(new AuditEntry { At = SystemClock.Instance.GetCurrentInstant(), Action = "invoice.voided",
            EntityType = "invoice", EntityId = entity, Data = """{"invoice_status": 1}""" });
        await db.SaveChangesAsync();

        // As the migration runs it: the text as it is (ExecuteSqlRaw would read its braces as placeholders).
        var sql = new PaymentAuditStatusNames().UpOperations.OfType<SqlOperation>().Single().Sql;
        await db.Database.OpenConnectionAsync();
        for (var run = 0; run < 2; run++) // the second run finds nothing left to change
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == entity).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Data }).ToListAsync();
        rows.Select(r => r.Data).ShouldBe(
        [
            """{"amount": 5, "invoice_status": "pending"}""", """{"amount": 5, "invoice_status": "partially_paid"}""",
            """{"amount": 5, "invoice_status": "paid"}""", """{"amount": 5, "invoice_status": "void"}""",
            """{"amount": 5, "invoice_status": "paid"}""", """{"amount": 5, "invoice_status": 9}""",
            """{"invoice_status": 1}""",
        ]);
    }
}
