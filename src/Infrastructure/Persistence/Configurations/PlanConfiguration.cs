using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.Property(p => p.Id).GeneratedBeforeInsert();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_plans_price", "price > 0");
            t.HasCheckConstraint("ck_plans_period_months", "period_months BETWEEN 1 AND 120");
        });
        b.Property(p => p.Name).HasMaxLength(Limits.Name);
        b.Property(p => p.PppProfile).HasMaxLength(Limits.PppSecretName);
        b.Property(p => p.RateLimit).HasMaxLength(Limits.Name);
        b.HasIndex(p => p.Name).IsUnique();
    }
}
