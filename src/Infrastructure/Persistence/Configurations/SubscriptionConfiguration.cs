using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.Property(s => s.Id).GeneratedBeforeInsert();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_subscriptions_dates", "end_date >= start_date");
            t.HasCheckConstraint("ck_subscriptions_price", "price > 0");
            t.HasCheckConstraint("ck_subscriptions_period_index", "period_index >= 0");
            t.HasCheckConstraint("ck_subscriptions_status", $"status IN ({SnakeCaseEnums.SqlList<SubscriptionStatus>()})");
        });
        b.HasIndex(s => new { s.ClientId, s.PeriodIndex }).IsUnique();
        b.HasIndex(s => s.EndDate);
        b.HasOne(s => s.Plan).WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Invoices).WithOne(i => i.Subscription).HasForeignKey(i => i.SubscriptionId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
