using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.Id).GeneratedBeforeInsert();
        b.ToTable(t => t.HasCheckConstraint("ck_users_role", $"role IN ({SnakeCaseEnums.SqlList<UserRole>()})"));
        b.Property(u => u.Username).HasMaxLength(Limits.Username);
        b.Property(u => u.PasswordHash).HasMaxLength(Limits.LongText);
        // Unique without regard to case ("Admin" next to "admin" is refused): a unique index on lower(username),
        // created by the SeedValues migration in SQL because EF Core cannot model an expression index.
        b.HasMany(u => u.Tokens).WithOne(t => t.User).HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<UserToken>
{
    public void Configure(EntityTypeBuilder<UserToken> b)
    {
        b.Property(t => t.Id).ValueGeneratedNever();
        b.HasIndex(t => t.ExpiresAt);
    }
}
