using System.Globalization;
using System.Threading.Channels;
using MikroNet.Features.Graph.Loading;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MikroNet.Features.Graph.Live;

/// <summary>
/// Turns the NOTIFYs of the clients, invoices and payments triggers (sent in the writing transaction, so whatever
/// wrote the row: a REST call on any host, the CLI, the billing run, the outbox worker) into subscription events on
/// this host. A notification nobody here listens to is dropped at once; the others are collected, their rows read in
/// one statement per kind for the whole batch, and handed to the subscribers, who render them each in its own scope.
/// </summary>
public sealed partial class LiveEvents(IServiceScopeFactory scopes, LiveHub hub, ILogger<LiveEvents> logger)
    : BackgroundService, IDatabaseListener
{
    public const string ClientChannel = "mikronet_client_changed";
    public const string InvoiceChannel = "mikronet_invoice_changed";
    public const string PaymentChannel = "mikronet_payment_recorded";

    private readonly Channel<Change> _changes = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _missed;

    public IReadOnlyCollection<string> Channels => [ClientChannel, InvoiceChannel, PaymentChannel];

    /// <summary>After an outage of the LISTEN connection, every watched client's current state is sent again.</summary>
    public Task ListeningAsync(CancellationToken ct)
    {
        if (_missed)
            foreach (var clientId in hub.WatchedClients()) _changes.Writer.TryWrite(new Change(Kind.Client, clientId, clientId));
        _missed = false;
        return Task.CompletedTask;
    }

    public void Lost() => _missed = true;

    /// <summary>Payloads: clients "&lt;client id&gt;"; invoices and payments "&lt;client id&gt; &lt;row id&gt;".</summary>
    public void Notified(string channel, string payload)
    {
        var parts = payload.Split(' ');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var clientId)) return;
        var rowId = clientId;
        if (parts.Length > 1 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out rowId)) return;
        var change = channel switch
        {
            ClientChannel => new Change(Kind.Client, clientId, clientId),
            InvoiceChannel => new Change(Kind.Invoice, clientId, rowId),
            _ => new Change(Kind.Payment, clientId, rowId),
        };
        if (change.Topics().Any(hub.Has)) _changes.Writer.TryWrite(change);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _changes.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new HashSet<Change>();
                while (reader.TryRead(out var change)) batch.Add(change);
                try
                {
                    await PublishAsync(batch, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex, batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the changed rows as they are now (one statement per kind) and hands each to its topics.</summary>
    private async Task PublishAsync(HashSet<Change> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MikroNetDb>();
        var rows = new Dictionary<(Kind, int), object>();
        var clients = Ids(batch, Kind.Client);
        if (clients.Length > 0)
            foreach (var row in await db.Clients.AsNoTracking().Where(c => clients.Contains(c.Id)).Select(Projections.Client).ToListAsync(ct))
                rows[(Kind.Client, row.ClientId)] = row;
        var invoices = Ids(batch, Kind.Invoice);
        if (invoices.Length > 0)
            foreach (var row in await db.Invoices.AsNoTracking().Where(i => invoices.Contains(i.Id)).Select(Projections.Invoice).ToListAsync(ct))
                rows[(Kind.Invoice, row.InvoiceId)] = row;
        var payments = Ids(batch, Kind.Payment);
        if (payments.Length > 0)
            foreach (var row in await db.Payments.AsNoTracking().Where(p => payments.Contains(p.Id)).Select(Projections.Payment).ToListAsync(ct))
                rows[(Kind.Payment, row.PaymentId)] = row;

        foreach (var change in batch)
        {
            // A row deleted (or a client soft-deleted) since the notification has nothing to show.
            if (!rows.TryGetValue((change.Kind, change.RowId), out var row)) continue;
            foreach (var topic in change.Topics()) hub.Publish(topic, row);
        }
    }

    private static int[] Ids(HashSet<Change> batch, Kind kind) => [.. batch.Where(c => c.Kind == kind).Select(c => c.RowId).Distinct()];

    private enum Kind { Client, Invoice, Payment }

    private sealed record Change(Kind Kind, int ClientId, int RowId)
    {
        public IEnumerable<LiveTopic> Topics() => Kind switch
        {
            Kind.Client => [LiveTopic.Client(ClientId)],
            Kind.Invoice => [LiveTopic.Invoice(ClientId)],
            _ => [LiveTopic.Payment(null), LiveTopic.Payment(ClientId)],
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not publish {Count} subscription events")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
