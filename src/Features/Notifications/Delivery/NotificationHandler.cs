using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MikroNet.Features.Billing;
using MikroNet.Features.Documents;
using MikroNet.Features.Documents.Rendering;
using MikroNet.Features.Notifications.Templates;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Time;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// The notification outbox's consumer. For each claimed message: an address a provider takes (or the row fails
/// with the reason, untried), quiet hours and the provider's rate (held, untried), the template rendered with the
/// data as it is now, then the send. E-mails of a batch share one SMTP connection; HTTP messages go in parallel.
/// </summary>
public sealed class NotificationHandler(
    MikroNetDb db, MessageData data, TemplateStore store, TemplateEngine engine, EmailSender email, HttpSender http,
    ProviderRateLimits rates, ProviderClock clock, IOptions<NotificationOptions> options, IOptions<BillingOptions> billing,
    DocumentRenderer documents, IPaymentLinks links) : IOutboxHandler<Notification>
{
    /// <summary>A client's messages on one channel go one at a time in the order they were queued.</summary>
    public static readonly OutboxQueue Queue = new("notifications", "order_key");

    private const int ParallelHttpSends = 16;

    public async Task<IReadOnlyList<Delivered<Notification>>> DeliverAsync(IReadOnlyList<Notification> batch,
        CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.Now;
        var quiet = QuietHours.Parse(o.QuietHours) ?? QuietHours.None;
        var outcomes = new DeliveryOutcome?[batch.Count];
        var models = await data.LoadAsync(
            [.. batch.Select(n => new MessageSubject(n.Event, n.ClientId, n.InvoiceId, n.PaymentId, n.OnDate))], ct);
        var ready = new List<(int Index, OutgoingMessage Message)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var n = batch[i];
            if (models[i] is not { } model) { outcomes[i] = Skip(n, "The client no longer exists."); continue; }
            var (address, problem) = n.Channel == NotificationChannel.Email
                ? Addresses.Email(n.Recipient) : Addresses.Phone(n.Recipient, o.DefaultRegion);
            if (address is null) { outcomes[i] = Skip(n, problem!); continue; }
            if (n.Channel == NotificationChannel.Email && o.Smtp.Host.Length == 0)
            {
                outcomes[i] = Skip(n, "E-mail is not configured (Notifications:Smtp:Host).");
                continue;
            }
            if (n.Channel != NotificationChannel.Email)
            {
                if (o.ProviderFor(n.Channel) is not { } provider)
                {
                    outcomes[i] = Skip(n, $"No provider serves {Channels.Name(n.Channel)} (Notifications:Providers).");
                    continue;
                }
                if (quiet.HeldUntil(now, clock.Zone) is { } morning) { outcomes[i] = DeliveryOutcome.Hold(morning); continue; }
                if (rates.Take(provider.Name, provider.Options.PerMinute, now) is { } slot) { outcomes[i] = DeliveryOutcome.Hold(slot); continue; }
            }
            n.Recipient = address;
            var template = await store.GetAsync(n.Event, n.Channel, n.Language, ct);
            string? subject;
            string body;
            try
            {
                subject = template.Subject is null ? null : engine.Render(template.Subject, model);
                body = engine.Render(template.Body, model);
            }
            catch (TemplateRenderException ex)
            {
                // A template that loops past its step budget: the operator's text must change, retrying cannot help.
                outcomes[i] = DeliveryOutcome.Failed($"Template could not be rendered: {ex.Message}");
                continue;
            }
            ready.Add((i, new OutgoingMessage(address, subject, body,
                n.Channel == NotificationChannel.Email ? await AttachmentsAsync(n, ct) : [])));
        }

        var mails = ready.Where(r => batch[r.Index].Channel == NotificationChannel.Email).ToList();
        if (mails.Count > 0)
        {
            var sent = await email.SendAsync([.. mails.Select(m => m.Message)], ct);
            for (var k = 0; k < mails.Count; k++) outcomes[mails[k].Index] = Outcome(sent[k]);
        }
        await Parallel.ForEachAsync(ready.Where(r => batch[r.Index].Channel != NotificationChannel.Email),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelHttpSends, CancellationToken = ct }, async (r, token) =>
            {
                var (name, provider) = o.ProviderFor(batch[r.Index].Channel)!.Value;
                outcomes[r.Index] = Outcome(await http.SendAsync(name, provider, r.Message, token));
            });
        return [.. batch.Select((n, i) => new Delivered<Notification>(n, outcomes[i]!))];
    }

    /// <summary>A skipped message was never tried: the round counted the refusal as an attempt, which it was not.</summary>
    public Task RecordedAsync(IReadOnlyList<Delivered<Notification>> outcomes, CancellationToken ct)
    {
        foreach (var (n, _) in outcomes)
            if (n.SkipReason is not null) n.Attempts = 0;
        return Task.CompletedTask;
    }

    /// <summary>The invoice with its announcement, the receipt with the payment's.</summary>
    private async Task<IReadOnlyList<Attachment>> AttachmentsAsync(Notification n, CancellationToken ct)
    {
        var currency = billing.Value.Currency;
        if (n.Event == NotificationEvent.InvoiceRaised && n.InvoiceId is { } invoiceId
            && await DocumentData.InvoiceAsync(db, invoiceId, currency, links, ct) is { } invoice)
            return [new Attachment(invoice.Number + ".pdf", documents.Invoice(invoice))];
        if (n.Event == NotificationEvent.PaymentReceived && n.PaymentId is { } paymentId
            && await DocumentData.ReceiptAsync(db, paymentId, currency, links, ct) is { } receipt)
            return [new Attachment(DocumentRenderer.ReceiptNumber(receipt.Payment) + ".pdf", documents.Receipt(receipt))];
        return [];
    }

    private static DeliveryOutcome Skip(Notification n, string reason)
    {
        n.SkipReason = reason;
        return DeliveryOutcome.Failed(reason);
    }

    private static DeliveryOutcome Outcome(SendOutcome sent) => sent.Result switch
    {
        SendResult.Sent => DeliveryOutcome.Done,
        SendResult.Failed => DeliveryOutcome.Failed(sent.Answer!),
        _ => DeliveryOutcome.Retry(sent.Answer!),
    };
}
