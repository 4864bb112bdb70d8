using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Documents;
using MikroNet.Features.Documents.Rendering;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Notifications.Templates;

/// <summary>What one message is about: a client, and the invoice and payment when the event has them.</summary>
public sealed record MessageSubject(NotificationEvent Event, int ClientId, int? InvoiceId, int? PaymentId, LocalDate OnDate);

/// <summary>
/// Reads what templates print for a batch of messages in four statements (clients, invoices, open invoices,
/// payments), whatever the batch's size, and writes it as the values templates see (docs/notifications.md lists them).
/// </summary>
public sealed class MessageData(MikroNetDb db, IOptions<ProviderOptions> provider, IOptions<BillingOptions> billing,
    IOptions<NotificationOptions> options, IPaymentLinks links)
{
    private readonly DocumentCulture _culture = DocumentCulture.Supported[options.Value.Culture];

    private sealed record InvoiceRow(int Id, int ClientId, string Number, decimal Total, decimal Paid, LocalDate InvoiceDate,
        LocalDate DueDate, InvoiceStatus Status, LocalDate? Start, LocalDate? End, string? Plan);

    /// <summary>One model per subject, in order; null for a subject whose client no longer exists.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> LoadAsync(IReadOnlyList<MessageSubject> subjects,
        CancellationToken ct)
    {
        var clientIds = subjects.Select(s => s.ClientId).Distinct().ToList();
        var invoiceIds = subjects.Where(s => s.InvoiceId is not null).Select(s => s.InvoiceId!.Value).Distinct().ToList();
        var paymentIds = subjects.Where(s => s.PaymentId is not null).Select(s => s.PaymentId!.Value).Distinct().ToList();
        var clients = await db.Clients.IgnoreQueryFilters().AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, ct);
        var invoices = await Invoices(db.Invoices.Where(i => invoiceIds.Contains(i.Id))).ToDictionaryAsync(i => i.Id, ct);
        var open = (await Invoices(db.Invoices.Where(i => clientIds.Contains(i.ClientId)
                && i.Status != InvoiceStatus.Paid && i.Status != InvoiceStatus.Void)).ToListAsync(ct))
            .ToLookup(i => i.ClientId);
        var payments = await db.Payments.AsNoTracking().Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        var models = new List<IReadOnlyDictionary<string, object?>?>(subjects.Count);
        foreach (var s in subjects)
        {
            if (!clients.TryGetValue(s.ClientId, out var client)) { models.Add(null); continue; }
            var overdue = open[s.ClientId].Where(i => i.Status == InvoiceStatus.Overdue || i.DueDate < s.OnDate)
                .OrderBy(i => i.DueDate).ThenBy(i => i.Id).ToList();
            // An isolation names no invoice of its own: it is about the oldest one overdue.
            var invoice = s.InvoiceId is { } id ? invoices.GetValueOrDefault(id) : overdue.FirstOrDefault();
            models.Add(new Dictionary<string, object?>
            {
                ["event"] = SnakeCaseEnums.ToSnakeCase(s.Event),
                ["provider"] = Provider(),
                ["client"] = new Dictionary<string, object?>
                {
                    ["name"] = client.Name, ["login"] = client.PppSecretName, ["phone"] = client.PhoneNumber,
                    ["email"] = client.Email, ["outstanding"] = Money(open[s.ClientId].Sum(i => i.Total - i.Paid)),
                },
                ["invoice"] = invoice is null ? null : await InvoiceAsync(invoice, ct),
                ["payment"] = s.PaymentId is { } p && payments.TryGetValue(p, out var payment) ? Payment(payment) : null,
                ["overdue_invoices"] = overdue.Select(i => new Dictionary<string, object?>
                {
                    ["number"] = i.Number, ["balance"] = Money(i.Total - i.Paid), ["due_date"] = _culture.Date(i.DueDate),
                }).ToList(),
                ["days_left"] = invoice is null ? 0 : Period.Between(s.OnDate, invoice.DueDate, PeriodUnits.Days).Days,
            });
        }
        return models;
    }

    private IQueryable<InvoiceRow> Invoices(IQueryable<Invoice> query) => query.AsNoTracking().Select(i => new InvoiceRow(
        i.Id, i.ClientId, i.Number, i.TotalAmount, i.AmountPaid, i.InvoiceDate, i.DueDate, i.Status,
        i.Subscription!.StartDate, i.Subscription.EndDate, i.Subscription.Plan!.Name));

    private Dictionary<string, object?> Provider() => new()
    {
        ["name"] = provider.Value.Name, ["phone"] = provider.Value.Phone, ["address"] = provider.Value.Address,
        ["payment_instructions"] = provider.Value.PaymentInstructions,
    };

    private async Task<Dictionary<string, object?>> InvoiceAsync(InvoiceRow i, CancellationToken ct) => new()
    {
        ["number"] = i.Number, ["amount"] = Money(i.Total), ["paid"] = Money(i.Paid), ["balance"] = Money(i.Total - i.Paid),
        ["balance_value"] = i.Total - i.Paid, ["invoice_date"] = _culture.Date(i.InvoiceDate),
        ["due_date"] = _culture.Date(i.DueDate), ["plan"] = i.Plan,
        ["period"] = i.Start is { } start && i.End is { } end ? $"{_culture.Date(start)} – {_culture.Date(end)}" : null,
        ["status"] = SnakeCaseEnums.ToSnakeCase(i.Status),
        ["payment_link"] = i.Status is InvoiceStatus.Paid or InvoiceStatus.Void ? null : await links.ForInvoiceAsync(i.Id, ct),
    };

    private Dictionary<string, object?> Payment(Payment p) => new()
    {
        ["amount"] = Money(p.Amount), ["date"] = _culture.Date(p.PaymentDate), ["reference"] = p.Reference,
        ["method"] = SnakeCaseEnums.ToSnakeCase(p.PaymentMethod),
        ["receipt_number"] = DocumentRenderer.ReceiptNumber(new DocumentPayment(p.Id, p.PaymentDate, p.PaymentMethod,
            p.Reference, p.Amount, p.Status)),
    };

    private string Money(decimal amount) => _culture.Money(amount, billing.Value.Currency);
}
