using MikroNet.Features.Notifications.Queue;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// A client's first subscription period and its invoice, raised at once. It anchors the client: period k
/// later starts at anchor + k × the plan's months.
/// </summary>
public static class FirstPeriod
{
    /// <summary>
    /// Adds the subscription, its invoice (with the installation charge as a line when there is one) and the
    /// invoice's messages to the unit of work; call inside the caller's transaction, and <see cref="TaxAsync"/> after
    /// saving.
    /// </summary>
    public static async Task<Subscription> AddAsync(MikroNetDb db, Notifier notifier, Client client, Plan plan,
        LocalDate start, LocalDate today, BillingOptions options, Instant now, CancellationToken ct,
        ClientCharge? installation = null)
    {
        var subscription = new Subscription
        {
            Client = client,
            PlanId = plan.Id,
            PeriodIndex = 0,
            StartDate = start,
            EndDate = Periods.End(start, plan.PeriodMonths, 0),
            Price = plan.Price,
            Status = SubscriptionStatus.Active,
            CreatedAt = now,
        };
        var (year, sequence, number) = await InvoiceNumbers.NextAsync(db, today.Year, ct);
        var invoice = new Invoice
        {
            Number = number,
            NumberYear = year,
            NumberSequence = sequence,
            Client = client,
            Kind = InvoiceKind.Period,
            InvoiceDate = today,
            // Never due before it is raised: a start in the past gets the full payment term from today.
            DueDate = LocalDate.Max(start, today).PlusDays(options.PaymentTermDays),
            NetAmount = plan.Price,
            TotalAmount = plan.Price,
            Status = InvoiceStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Lines =
            [
                new InvoiceLine
                {
                    Position = InvoiceLinePositions.Period,
                    Kind = InvoiceLineKind.Period,
                    Description = InvoiceLineText.Period(plan.Name, subscription.StartDate, subscription.EndDate),
                    Amount = plan.Price,
                    Taxable = true,
                    CreatedAt = now,
                },
            ],
        };
        subscription.Invoices.Add(invoice);
        if (installation is not null)
        {
            invoice.Lines.Add(Charges.ChargeBook.LineFor(installation, InvoiceLinePositions.FirstCharge, now));
            invoice.NetAmount += installation.Amount;
            invoice.TotalAmount += installation.Amount;
            installation.Invoice = invoice;
        }
        client.AnchorDate = start;
        client.PlanId = plan.Id;
        client.UpdatedAt = now;
        await db.Subscriptions.AddAsync(subscription, ct);
        notifier.Queue(NotificationEvent.InvoiceRaised, client, today, now, invoice);
        return subscription;
    }

    /// <summary>Applies the tax to the saved first invoice and reloads its amounts.</summary>
    public static async Task TaxAsync(MikroNetDb db, Invoice invoice, BillingOptions options, Instant now,
        CancellationToken ct)
    {
        if ((await InvoiceTax.ApplyAsync(db, [invoice.Id], options, now, ct)).Count > 0)
            await db.Entry(invoice).ReloadAsync(ct);
    }
}
