using System.Linq.Expressions;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Graph.Loading;

/// <summary>What a frontend shows: billing's isolation outranks the operator's switch.</summary>
public enum ClientState { Active, Disabled, Isolated }

public static class ClientStates
{
    public static ClientState Of(ClientStatus status, Instant? isolatedAt) =>
        isolatedAt is not null ? ClientState.Isolated
        : status == ClientStatus.Disabled ? ClientState.Disabled
        : ClientState.Active;

    /// <summary>The same rule as SQL (a CASE expression), so `where`/`order` on status run in the database.</summary>
    public static readonly Expression<Func<Client, ClientState>> Expression = c =>
        c.IsolatedAt != null ? ClientState.Isolated
        : c.Status == ClientStatus.Disabled ? ClientState.Disabled
        : ClientState.Active;
}
