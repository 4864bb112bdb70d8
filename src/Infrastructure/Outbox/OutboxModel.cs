using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Infrastructure.Outbox;

public static class OutboxModel
{
    /// <summary>
    /// The shared columns' constraints and the index the claim reads; call it from the table's configuration.
    /// </summary>
    public static void ConfigureOutboxRow<TRow>(this EntityTypeBuilder<TRow> b, string table) where TRow : OutboxRow
    {
        b.ToTable(t => t.HasCheckConstraint($"ck_{table}_status", $"status IN ({SnakeCaseEnums.SqlList<OutboxStatus>()})"));
        b.Property(r => r.LastError).HasMaxLength(Limits.LongText);
        b.HasIndex(r => new { r.Status, r.NextAttemptAt });
    }
}
