using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> b)
    {
        b.Property(c => c.Id).GeneratedBeforeInsert();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_clients_status", $"status IN ({SnakeCaseEnums.SqlList<ClientStatus>()})");
            t.HasCheckConstraint("ck_clients_provisioning_state",
                $"provisioning_state IN ({SnakeCaseEnums.SqlList<ProvisioningState>()})");
            t.HasCheckConstraint("ck_clients_router_while_live", "deleted_at IS NOT NULL OR router_id IS NOT NULL");
            t.HasCheckConstraint("ck_clients_credit_balance", "credit_balance >= 0");
            t.HasCheckConstraint("ck_clients_notification_channels",
                $"notification_channels <@ ARRAY[{SnakeCaseEnums.SqlList<NotificationChannel>()}]::text[]");
        });
        b.HasQueryFilter(c => c.DeletedAt == null);
        b.Property(c => c.Name).HasMaxLength(Limits.Name);
        b.Property(c => c.PhoneNumber).HasMaxLength(Limits.PhoneNumber);
        b.Property(c => c.Address).HasMaxLength(Limits.Address);
        b.Property(c => c.PppSecretName).HasMaxLength(Limits.PppSecretName);
        b.Property(c => c.PppPasswordProtected).HasMaxLength(Limits.LongText);
        b.Property(c => c.ProvisioningError).HasMaxLength(Limits.LongText);
        b.Property(c => c.AutoRenew).HasDefaultValue(true);
        b.Property(c => c.Email).HasMaxLength(Limits.Email);

        // A secret name is unique per router among live clients; deleted ones keep their history.
        b.HasIndex(c => new { c.RouterId, c.PppSecretName }).IsUnique().HasFilter("deleted_at IS NULL");
        b.HasIndex(c => c.Name);
        // The billing run looks for clients with credit to use; few have any.
        b.HasIndex(c => c.Id).HasDatabaseName("ix_clients_with_credit").HasFilter("credit_balance > 0");

        // A router still used by live clients cannot be deleted (the endpoint answers 409);
        // deleted clients then lose the link, which the check constraint allows only for them.
        b.HasOne(c => c.Router).WithMany().HasForeignKey(c => c.RouterId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(c => c.Plan).WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Plan>().WithMany().HasForeignKey(c => c.NextPlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Subscriptions).WithOne(s => s.Client).HasForeignKey(s => s.ClientId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
