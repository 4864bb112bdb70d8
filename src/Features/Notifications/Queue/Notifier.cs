using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using Npgsql;
using NodaTime;

namespace MikroNet.Features.Notifications.Queue;

/// <summary>
/// The one way to queue customer messages. Who is told, on which channels, at which address, is decided once per
/// path: in C# for a change in the unit of work (<see cref="Queue"/>), in one set-based statement for the billing
/// runs (<see cref="QueueAsync"/>, <see cref="QueueRemindersAsync"/>); NotifierWritersTests holds the two equal.
/// A message's identity is unique (event, channel, client, invoice, payment, date), so repeated or racing runs
/// queue each one once.
/// </summary>
public sealed class Notifier(MikroNetDb db, IOptions<NotificationOptions> options)
{
    /// <summary>
    /// Rows for each of the client's channels that can be sent on: none for a deleted or opted-out client, no e-mail
    /// without an address. The SQL twin is <see cref="InsertSql"/>.
    /// </summary>
    public static IEnumerable<NotificationChannel> ChannelsOf(Client client, NotificationOptions o) =>
        client.DeletedAt is not null || client.NotificationsOptOut
            ? []
            : (client.NotificationChannels ?? o.ClientDefaultChannels)
                .Where(c => o.EnabledChannels.Contains(c) && (c != Channels.Email || client.Email is not null))
                .Select(Channels.Parse);

    /// <summary>Whether any message can be sent at all (a channel is configured); when not, <see cref="Queue"/> adds none.</summary>
    public bool CanSend => options.Value.EnabledChannels.Count > 0;

    /// <summary>Adds the messages to the unit of work, so they commit with the change they tell about.</summary>
    public void Queue(NotificationEvent e, Client client, LocalDate onDate, Instant now, Invoice? invoice = null,
        Payment? payment = null) => Add(e, client, onDate, now, invoice, null, payment);

    /// <summary>The same, about an invoice already saved and known by its id.</summary>
    public void Queue(NotificationEvent e, Client client, LocalDate onDate, Instant now, int invoiceId, Payment? payment) =>
        Add(e, client, onDate, now, null, invoiceId, payment);

    /// <summary>
    /// The same into a unit of work kept outside the change tracker (<see cref="RowWrites"/>): the rows name the
    /// invoice and the payment by id, so both must have theirs.
    /// </summary>
    public void Queue(NotificationEvent e, Client client, LocalDate onDate, Instant now, Invoice invoice, Payment payment,
        RowWrites writes)
    {
        foreach (var message in Messages(e, client, onDate, now))
        {
            message.InvoiceId = invoice.Id;
            message.PaymentId = payment.Id;
            writes.Add(message);
        }
    }

    private void Add(NotificationEvent e, Client client, LocalDate onDate, Instant now, Invoice? invoice, int? invoiceId,
        Payment? payment)
    {
        foreach (var message in Messages(e, client, onDate, now))
        {
            message.Client = client;
            message.Invoice = invoice;
            message.InvoiceId = invoiceId;
            message.Payment = payment;
            db.Notifications.Add(message);
        }
    }

    private IEnumerable<Notification> Messages(NotificationEvent e, Client client, LocalDate onDate, Instant now) =>
        ChannelsOf(client, options.Value).Select(channel => new Notification
        {
            Event = e, Channel = channel, ClientId = client.Id,
            OnDate = onDate, Recipient = channel == NotificationChannel.Email ? client.Email! : client.PhoneNumber,
            Language = options.Value.Language, Status = OutboxStatus.Pending, NextAttemptAt = now, CreatedAt = now,
        });

    /// <summary>
    /// Inserts the messages of one event for many clients in one statement, in the caller's transaction.
    /// <paramref name="subjects"/> pairs each client with its invoice (or none).
    /// </summary>
    public Task<int> QueueAsync(NotificationEvent e, IReadOnlyList<(int ClientId, int? InvoiceId)> subjects,
        LocalDate onDate, Instant now, CancellationToken ct)
    {
        if (subjects.Count == 0) return Task.FromResult(0);
        return ExecuteAsync(InsertSql(
            "SELECT * FROM unnest(@client_ids, @invoice_ids) AS s(client_id, invoice_id)"), e, onDate, now, cmd =>
        {
            cmd.Parameters.AddWithValue("client_ids", subjects.Select(s => s.ClientId).ToArray());
            cmd.Parameters.AddWithValue("invoice_ids", subjects.Select(s => s.InvoiceId).ToArray());
        }, ct);
    }

    /// <summary>
    /// The reminders of one day: every open invoice due Notifications:ReminderDaysBeforeDue days after
    /// <paramref name="asOf"/>. A run for a day already past (a catch-up after downtime) sends none: a reminder
    /// for a date gone by would tell the customer something no longer true.
    /// </summary>
    public Task<int> QueueRemindersAsync(LocalDate asOf, LocalDate today, Instant now, CancellationToken ct) =>
        asOf < today
            ? Task.FromResult(0)
            : ExecuteAsync(InsertSql(RemindersSql), NotificationEvent.InvoiceReminder, asOf, now, cmd =>
                cmd.Parameters.AddWithValue("due_dates",
                    options.Value.ReminderDays.Select(d => asOf.PlusDays(d).ToDateOnly()).ToArray()), ct);

    /// <summary>Open invoices falling due on one of @due_dates.</summary>
    public const string RemindersSql = """
        SELECT i.client_id, i.id AS invoice_id FROM invoices i
        WHERE i.due_date = ANY(@due_dates) AND i.status IN ('pending', 'partially_paid')
        """;

    /// <summary>
    /// The SQL twin of <see cref="ChannelsOf"/> and <see cref="Queue"/> over a set of (client_id, invoice_id).
    /// ON CONFLICT on the message's identity makes a repeated or racing run a no-op.
    /// </summary>
    public static string InsertSql(string subjects) => $"""
        INSERT INTO notifications (event, channel, client_id, invoice_id, on_date, recipient, language,
                                   status, attempts, next_attempt_at, created_at)
        SELECT @event, ch.channel, c.id, s.invoice_id, @on_date,
               CASE WHEN ch.channel = 'email' THEN c.email ELSE c.phone_number END, @language,
               'pending', 0, @now, @now
        FROM ({subjects}) s
        JOIN clients c ON c.id = s.client_id
        CROSS JOIN LATERAL unnest(coalesce(c.notification_channels, @default_channels)) AS ch(channel)
        WHERE c.deleted_at IS NULL AND NOT c.notifications_opt_out
          AND ch.channel = ANY(@enabled) AND (ch.channel <> 'email' OR c.email IS NOT NULL)
        ON CONFLICT DO NOTHING
        """;

    private async Task<int> ExecuteAsync(string sql, NotificationEvent e, LocalDate onDate, Instant now,
        Action<NpgsqlCommand> subjects, CancellationToken ct)
    {
        var o = options.Value;
        // Nothing can be sent (no SMTP host, no provider): no statement at all.
        if (o.EnabledChannels.Count == 0) return 0;
        await using var cmd = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("event", SnakeCaseEnums.ToSnakeCase(e));
        cmd.Parameters.AddWithValue("on_date", onDate.ToDateOnly());
        cmd.Parameters.AddWithValue("language", o.Language);
        cmd.Parameters.AddWithValue("now", now.ToDateTimeUtc());
        cmd.Parameters.AddWithValue("default_channels", o.ClientDefaultChannels.ToArray());
        cmd.Parameters.AddWithValue("enabled", o.EnabledChannels.ToArray());
        subjects(cmd);
        if (cmd.Connection!.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Messages that failed for good (skipped ones not counted) after <paramref name="since"/>.</summary>
    public Task<int> FailedSinceAsync(Instant? since, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.Status == OutboxStatus.Failed && n.SkipReason == null
            && (since == null || n.CompletedAt > since), ct);
}
