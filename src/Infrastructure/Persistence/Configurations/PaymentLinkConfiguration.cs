using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class PaymentLinkConfiguration : IEntityTypeConfiguration<PaymentLink>
{
    public void Configure(EntityTypeBuilder<PaymentLink> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payment_links_amount", "amount > 0");
            t.HasCheckConstraint("ck_payment_links_status", $"status IN ({SnakeCaseEnums.SqlList<PaymentLinkStatus>()})");
        });
        b.Property(l => l.Gateway).HasMaxLength(Limits.Name);
        b.Property(l => l.ExternalId).HasMaxLength(Limits.Name);
        b.Property(l => l.Url).HasMaxLength(Limits.LongText);
        b.HasIndex(l => new { l.Gateway, l.ExternalId }).IsUnique();
        // Two concurrent requests for a link cannot both leave an open one: the loser answers the winner's.
        b.HasIndex(l => new { l.InvoiceId, l.Gateway }).IsUnique().HasFilter("status = 'open'")
            .HasDatabaseName("ix_payment_links_one_open");
        b.HasIndex(l => new { l.Status, l.CreatedAt });
    }
}

internal sealed class GatewayEventConfiguration : IEntityTypeConfiguration<GatewayEvent>
{
    public void Configure(EntityTypeBuilder<GatewayEvent> b)
    {
        b.ToTable(t => t.HasCheckConstraint("ck_gateway_events_verdict",
            $"verdict IN ({SnakeCaseEnums.SqlList<GatewayEventVerdict>()})"));
        b.Property(e => e.Gateway).HasMaxLength(Limits.Name);
        b.Property(e => e.Body).HasColumnType("text");
        b.Property(e => e.Reason).HasMaxLength(Limits.LongText);
        b.HasIndex(e => new { e.Verdict, e.ReceivedAt });
        b.HasIndex(e => new { e.Gateway, e.OrderId });
    }
}
