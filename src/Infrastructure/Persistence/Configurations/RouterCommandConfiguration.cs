using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class RouterCommandConfiguration : IEntityTypeConfiguration<RouterCommand>
{
    public void Configure(EntityTypeBuilder<RouterCommand> b)
    {
        b.ConfigureOutboxRow("router_commands");
        b.ToTable(t =>
            t.HasCheckConstraint("ck_router_commands_kind", $"kind IN ({SnakeCaseEnums.SqlList<RouterCommandKind>()})"));
        b.Property(c => c.Payload).HasColumnType("jsonb");
        b.HasIndex(c => new { c.ClientId, c.Id });
        // Commands for a router that no longer exists can never be delivered.
        b.HasOne(c => c.Router).WithMany().HasForeignKey(c => c.RouterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Client).WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
