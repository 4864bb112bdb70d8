using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MikroNet.Infrastructure.Persistence.Configurations;

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_credit_notes_amount", "amount > 0");
            t.HasCheckConstraint("ck_credit_notes_split",
                "applied_to_invoice >= 0 AND to_client_credit >= 0 AND applied_to_invoice + to_client_credit = amount");
        });
        b.Property(n => n.Number).HasMaxLength(32);
        b.Property(n => n.Reason).HasMaxLength(Limits.DefaultText);
        b.HasIndex(n => n.Number).IsUnique();
        b.HasIndex(n => new { n.NumberYear, n.NumberSequence }).IsUnique();
        b.HasIndex(n => n.InvoiceId);
        b.HasOne(n => n.Invoice).WithMany(i => i.CreditNotes).HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Client>().WithMany().HasForeignKey(n => n.ClientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CreditNoteNumberCounterConfiguration : IEntityTypeConfiguration<CreditNoteNumberCounter>
{
    public void Configure(EntityTypeBuilder<CreditNoteNumberCounter> b)
    {
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
    }
}

internal sealed class ClientCreditEntryConfiguration : IEntityTypeConfiguration<ClientCreditEntry>
{
    public void Configure(EntityTypeBuilder<ClientCreditEntry> b)
    {
        b.ToTable(t => t.HasCheckConstraint("ck_client_credit_entries_kind",
            $"kind IN ({SnakeCaseEnums.SqlList<ClientCreditKind>()})"));
        b.HasIndex(e => e.ClientId);
        b.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Invoice>().WithMany().HasForeignKey(e => e.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.CreditNote).WithMany().HasForeignKey(e => e.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Payment).WithMany().HasForeignKey(e => e.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClientChargeConfiguration : IEntityTypeConfiguration<ClientCharge>
{
    public void Configure(EntityTypeBuilder<ClientCharge> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_client_charges_amount", "amount > 0");
            t.HasCheckConstraint("ck_client_charges_kind", $"kind IN ({SnakeCaseEnums.SqlList<ChargeKind>()})");
        });
        b.Property(c => c.Description).HasMaxLength(Limits.Name * 2);
        // The billing run looks for the charges not billed yet.
        b.HasIndex(c => c.ClientId).HasDatabaseName("ix_client_charges_unbilled").HasFilter("invoice_id IS NULL");
        b.HasIndex(c => c.InvoiceId);
        b.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Invoice).WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
