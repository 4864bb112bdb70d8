using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ConfigureOutboxRow("notifications");
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_notifications_event", $"event IN ({SnakeCaseEnums.SqlList<NotificationEvent>()})");
            t.HasCheckConstraint("ck_notifications_channel", $"channel IN ({SnakeCaseEnums.SqlList<NotificationChannel>()})");
        });
        b.Property(n => n.Recipient).HasMaxLength(Limits.DefaultText);
        b.Property(n => n.Language).HasMaxLength(8);
        b.Property(n => n.SkipReason).HasMaxLength(Limits.LongText);
        b.Property(n => n.OrderKey).HasMaxLength(64)
            .HasComputedColumnSql("client_id::text || ':' || channel", stored: true);
        // The message's identity: the same cause seen twice (a repeated or racing run) queues nothing new. Led by
        // invoice_id, it also serves that foreign key, one index fewer to write per message.
        b.HasIndex(n => new { n.InvoiceId, n.Event, n.Channel, n.ClientId, n.PaymentId, n.OnDate })
            .IsUnique().AreNullsDistinct(false);
        b.HasIndex(n => new { n.ClientId, n.Id });
        b.HasOne(n => n.Client).WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Invoice).WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Payment).WithMany().HasForeignKey(n => n.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> b)
    {
        b.HasKey(t => new { t.Event, t.Channel, t.Language });
        b.Property(t => t.Language).HasMaxLength(8);
        b.Property(t => t.Subject).HasMaxLength(Limits.LongText);
        b.Property(t => t.Body).HasColumnType("text");
    }
}
