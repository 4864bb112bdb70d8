using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Infrastructure.Persistence;

public sealed class MikroNetDb : DbContext
{
    public MikroNetDb(DbContextOptions<MikroNetDb> options) : base(options)
    {
    }

    /// <summary>
    /// No automatic savepoints: EF Core would wrap every SaveChanges inside an explicit transaction in
    /// SAVEPOINT/RELEASE (two more round trips) so that the transaction could go on after a failed save, and no code
    /// here goes on after one: a failed save ends the request and rolls the transaction back. Set on every save
    /// because a pooled context is reset to EF Core's defaults each time it goes back to the pool.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Database.AutoSavepointsEnabled = false;
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Database.AutoSavepointsEnabled = false;
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<UserToken> UserTokens => Set<UserToken>();
    public DbSet<Router> Routers => Set<Router>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<ClientCharge> ClientCharges => Set<ClientCharge>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<CreditNoteNumberCounter> CreditNoteNumberCounters => Set<CreditNoteNumberCounter>();
    public DbSet<ClientCreditEntry> ClientCreditEntries => Set<ClientCreditEntry>();
    public DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentLink> PaymentLinks => Set<PaymentLink>();
    public DbSet<GatewayEvent> GatewayEvents => Set<GatewayEvent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<RouterCommand> RouterCommands => Set<RouterCommand>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MikroNetDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
        configurationBuilder.Properties<string>().HaveMaxLength(Limits.DefaultText);
        SnakeCaseEnums.Register(configurationBuilder);
    }
}
