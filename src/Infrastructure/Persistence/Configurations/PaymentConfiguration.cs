using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(p => p.Id).GeneratedBeforeInsert();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payments_amount", "amount > 0");
            t.HasCheckConstraint("ck_payments_method", $"payment_method IN ({SnakeCaseEnums.SqlList<PaymentMethod>()})");
            t.HasCheckConstraint("ck_payments_status", $"status IN ({SnakeCaseEnums.SqlList<PaymentStatus>()})");
        });
        b.Property(p => p.Reference).HasMaxLength(Limits.DefaultText);
        b.Property(p => p.IdempotencyKey).HasMaxLength(Limits.DefaultText);
        b.HasIndex(p => p.IdempotencyKey).IsUnique();
        b.HasIndex(p => p.InvoiceId);
        b.Property(p => p.Gateway).HasMaxLength(Limits.Name);
        b.Property(p => p.GatewayMethod).HasMaxLength(Limits.Name);
        // A gateway transaction pays once, however often and however concurrently it is notified.
        b.HasIndex(p => new { p.Gateway, p.Reference }).IsUnique().HasFilter("gateway IS NOT NULL");
        // Reports (docs/reports.md): payments by date (revenue, collected, what was paid after an aging date),
        // answered from the index alone.
        b.HasIndex(p => new { p.PaymentDate, p.Status }).HasDatabaseName("ix_report_payments_date")
            .IncludeProperties(p => new { p.InvoiceId, p.Amount, p.PaymentMethod });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.Scope, r.Key });
        b.Property(r => r.Scope).HasMaxLength(Limits.Name);
        b.Property(r => r.RequestHash).HasMaxLength(128);
        b.Property(r => r.ResponseBody).HasColumnType("text");
    }
}
