using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing.Credit;

/// <summary>
/// Gives a client credit: one ledger entry and the balance raised by an atomic UPDATE (concurrent credits of one
/// client add up instead of overwriting each other). Generation uses it up through apply_client_credit.
/// </summary>
public static class ClientCredit
{
    public static async Task GiveAsync(MikroNetDb db, int clientId, decimal amount, ClientCreditKind kind, Instant now,
        CancellationToken ct, int? invoiceId = null, CreditNote? creditNote = null, Payment? payment = null)
    {
        if (amount <= 0) return;
        await db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreditBalance, c => c.CreditBalance + amount), ct);
        db.ClientCreditEntries.Add(new ClientCreditEntry
        {
            ClientId = clientId,
            Amount = amount,
            Kind = kind,
            InvoiceId = invoiceId,
            CreditNote = creditNote,
            Payment = payment,
            CreatedAt = now,
        });
    }
}
