using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Infrastructure.Persistence;

public sealed class MikroNetDb(DbContextOptions<MikroNetDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<UserToken> UserTokens => Set<UserToken>();
    public DbSet<Router> Routers => Set<Router>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentLink> PaymentLinks => Set<PaymentLink>();
    public DbSet<GatewayEvent> GatewayEvents => Set<GatewayEvent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<RouterCommand> RouterCommands => Set<RouterCommand>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MikroNetDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
        configurationBuilder.Properties<string>().HaveMaxLength(Limits.DefaultText);
        SnakeCaseEnums.Register(configurationBuilder);
    }
}
