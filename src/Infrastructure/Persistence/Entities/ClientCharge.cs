using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// A one-off amount a client owes (an installation fee, a router sold with the service) or a proration of a plan
/// change. Until it is billed, InvoiceId is null and the next invoice the billing run raises for the client takes it
/// as a line; a charge invoiced at once has its own invoice from the start.
/// </summary>
public sealed class ClientCharge
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public ChargeKind Kind { get; set; }
    public required string Description { get; set; }
    public decimal Amount { get; set; }
    public bool Taxable { get; set; }
    public int? InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }
    public int? CreatedByUserId { get; set; }
    public Instant CreatedAt { get; set; }
}

/// <summary>The invoice line kind a charge becomes (InvoiceLineKind.Charge or .Proration).</summary>
public enum ChargeKind { Charge, Proration }
