using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class RouterConfiguration : IEntityTypeConfiguration<Router>
{
    public void Configure(EntityTypeBuilder<Router> b)
    {
        b.Property(r => r.Id).GeneratedBeforeInsert();
        b.ToTable(t => t.HasCheckConstraint("ck_routers_port", "port BETWEEN 1 AND 65535"));
        b.Property(r => r.Name).HasMaxLength(Limits.Name);
        b.Property(r => r.Host).HasMaxLength(Limits.Host);
        b.Property(r => r.Username).HasMaxLength(Limits.Username);
        b.Property(r => r.PasswordProtected).HasMaxLength(Limits.LongText);
        b.Property(r => r.TlsFingerprint).HasMaxLength(128);
        b.Property(r => r.Encoding).HasMaxLength(32);
        b.HasIndex(r => r.Name).IsUnique();
    }
}
