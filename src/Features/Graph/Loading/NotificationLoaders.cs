using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Graph.Loading;

/// <summary>A message as GraphQL reads it.</summary>
public sealed record NotificationRow(long NotificationId, NotificationEvent Event, NotificationChannel Channel, string To,
    OutboxStatus Status, string? SkipReason, int Attempts, string? LastError, Instant CreatedAt, Instant? CompletedAt,
    int ClientId);

/// <summary>How a client is told: its e-mail, chosen channels and opt-out.</summary>
public sealed record ContactRow(int ClientId, string? Email, string[]? Channels, bool OptOut);

/// <summary>The notification loaders of one request: one statement per level, however many clients.</summary>
public sealed class NotificationLoaders(MikroNetDb db)
{
    /// <summary>Messages listed per client, newest first; the REST route shows the same 500.</summary>
    public const int PerClient = 500;

    private BatchLoader<int, IReadOnlyList<NotificationRow>>? _notifications;
    private BatchLoader<int, ContactRow?>? _contacts;

    public BatchLoader<int, IReadOnlyList<NotificationRow>> ByClient => _notifications ??= new(async (ids, ct) =>
    {
        var rows = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.ClientId))
            .OrderByDescending(n => n.Id)
            .Select(n => new NotificationRow(n.Id, n.Event, n.Channel, n.Recipient, n.Status, n.SkipReason, n.Attempts,
                n.LastError, n.CreatedAt, n.CompletedAt, n.ClientId))
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ClientId).ToDictionary(g => g.Key, g => (IReadOnlyList<NotificationRow>)[.. g.Take(PerClient)]);
    }, []);

    public BatchLoader<int, ContactRow?> Contacts => _contacts ??= new(async (ids, ct) =>
        await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new ContactRow(c.Id, c.Email, c.NotificationChannels, c.NotificationsOptOut))
            .ToDictionaryAsync(c => c.ClientId, c => (ContactRow?)c, ct), null);
}

/// <summary>A loaded value turned into a field's value, still resolved with its batch.</summary>
public sealed class MappedResult<T, TResult>(GraphQL.DataLoader.IDataLoaderResult<T> source, Func<T, TResult> map)
    : GraphQL.DataLoader.IDataLoaderResult<TResult>
{
    public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
        map(await source.GetResultAsync(cancellationToken));

    async Task<object?> GraphQL.DataLoader.IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken);
}
