using MikroNet.Infrastructure.Outbox;
using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>
/// Outbox row: one message to one client on one channel. What it is about (event, client, invoice, payment, date)
/// is unique per channel, so a message is queued once however often and however concurrently its cause is seen.
/// Subject and body are rendered at delivery from the templates, with the data as it is then.
/// </summary>
public sealed class Notification : OutboxRow
{
    public NotificationEvent Event { get; set; }
    public NotificationChannel Channel { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public int? InvoiceId { get; set; }
    public Invoice? Invoice { get; set; }
    public int? PaymentId { get; set; }
    public Payment? Payment { get; set; }

    /// <summary>The provider's date the event belongs to (a reminder's day, an isolation's day).</summary>
    public LocalDate OnDate { get; set; }

    /// <summary>The address as the client record had it when queued; E.164 or the parsed mailbox once delivered.</summary>
    public required string Recipient { get; set; }

    /// <summary>The template language (id, en).</summary>
    public required string Language { get; set; }

    /// <summary>Why the message was not sent at all (an address no provider can take); the row is then failed.</summary>
    public string? SkipReason { get; set; }

    /// <summary>client:channel, computed by the database: a client's messages on one channel go out in order.</summary>
    public string OrderKey { get; set; } = "";
}

public enum NotificationEvent { InvoiceRaised, InvoiceReminder, ClientIsolated, ClientRestored, PaymentReceived }

public enum NotificationChannel { Email, Whatsapp, Sms }

/// <summary>An operator's own wording of one event on one channel in one language; shipped defaults fill the rest.</summary>
public sealed class NotificationTemplate
{
    public NotificationEvent Event { get; set; }
    public NotificationChannel Channel { get; set; }
    public required string Language { get; set; }
    public string? Subject { get; set; }
    public required string Body { get; set; }
    public Instant UpdatedAt { get; set; }
}
