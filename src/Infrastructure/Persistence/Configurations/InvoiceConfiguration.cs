using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable(t =>
        {
            // Zero when client credit covers the whole invoice.
            t.HasCheckConstraint("ck_invoices_total_amount", "total_amount >= 0");
            t.HasCheckConstraint("ck_invoices_tax_amount", "tax_amount >= 0");
            t.HasCheckConstraint("ck_invoices_amount_paid", "amount_paid >= 0 AND amount_paid <= total_amount");
            t.HasCheckConstraint("ck_invoices_status", $"status IN ({SnakeCaseEnums.SqlList<InvoiceStatus>()})");
            t.HasCheckConstraint("ck_invoices_kind", $"kind IN ({SnakeCaseEnums.SqlList<InvoiceKind>()})");
        });
        b.Ignore(i => i.Balance);
        b.Property(i => i.Number).HasMaxLength(32);
        b.Property(i => i.VoidReason).HasMaxLength(Limits.DefaultText);
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => new { i.NumberYear, i.NumberSequence }).IsUnique();
        // The database, not a read-then-insert check, guarantees one period invoice per subscription.
        b.HasIndex(i => i.SubscriptionId).IsUnique().HasFilter("kind = 'period'")
            .HasDatabaseName("ux_invoices_one_period_invoice");
        // A period's invoices of every kind, as GraphQL's `Subscription.invoices` and a client's tree (one join per
        // level) read them; the unique index above holds period invoices only, so without this they were a table scan.
        b.HasIndex(i => i.SubscriptionId, "ix_invoices_subscription_id");
        b.HasIndex(i => new { i.ClientId, i.Status });
        b.HasIndex(i => i.DueDate);
        // Reports (docs/reports.md): the open invoices by date for aging, collections and outstanding, and every
        // invoice by date for billed vs collected, both answered from the index alone.
        b.HasIndex(i => i.InvoiceDate).HasDatabaseName("ix_report_invoices_open")
            .IncludeProperties(i => new { i.Id, i.ClientId, i.DueDate, i.TotalAmount, i.AmountPaid })
            .HasFilter("status IN ('pending', 'partially_paid', 'overdue')");
        b.HasIndex(i => new { i.InvoiceDate, i.Status }).HasDatabaseName("ix_report_invoices_date")
            .IncludeProperties(i => i.TotalAmount);
        b.HasOne(i => i.Client).WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Lines).WithOne(l => l.Invoice).HasForeignKey(l => l.InvoiceId)
            .OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Payments).WithOne(p => p.Invoice).HasForeignKey(p => p.InvoiceId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.ToTable(t => t.HasCheckConstraint("ck_invoice_lines_kind", $"kind IN ({SnakeCaseEnums.SqlList<InvoiceLineKind>()})"));
        b.Property(l => l.Description).HasMaxLength(Limits.DefaultText);
        b.HasIndex(l => new { l.InvoiceId, l.Position });
    }
}

internal sealed class InvoiceNumberCounterConfiguration : IEntityTypeConfiguration<InvoiceNumberCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberCounter> b)
    {
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
    }
}
