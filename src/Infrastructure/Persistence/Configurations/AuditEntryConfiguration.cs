using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(a => a.Action).HasMaxLength(Limits.Name);
        b.Property(a => a.EntityType).HasMaxLength(Limits.Name);
        b.Property(a => a.EntityId).HasMaxLength(Limits.Name);
        b.Property(a => a.Data).HasColumnType("jsonb");
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.UserId);
        b.HasIndex(a => a.Action);
        b.Property(a => a.Address).HasMaxLength(64);
        // Audit outlives users: the user id stays as a plain number.
    }
}

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> b) => b.HasIndex(r => r.RunDate).IsUnique();
}
