using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Provisioning;

/// <summary>What of a client the router sees: where its secret lives, its name, and whether it may log in.</summary>
public sealed record ClientRouterState(int? RouterId, string SecretName, ClientStatus Status, bool Isolated, bool Deleted,
    bool Cancelled = false)
{
    public static ClientRouterState Of(Client c) =>
        new(c.RouterId, c.PppSecretName, c.Status, c.IsolatedAt is not null, c.DeletedAt is not null,
            c.CancelledAt is not null);

    /// <summary>A secret that should exist on a router: not for a deleted or a cancelled client.</summary>
    public bool Live => !Deleted && !Cancelled && RouterId is not null;
}

/// <summary>A command for one router.</summary>
public readonly record struct RouterCommandFor(int RouterId, RouterMessage Message);

/// <summary>
/// The one decision of what a client's change means on the routers, in the order the worker must deliver it (a
/// client's commands run in the order queued). Every writer calls it (register, enable/disable, update, delete, a
/// plan's profile change, a payment that restores); billing enforcement's set-based SQL writes the same commands,
/// which a test checks against this function.
/// </summary>
public static class ClientRouterChanges
{
    public static IReadOnlyList<RouterCommandFor> For(ClientRouterState? before, ClientRouterState after)
    {
        var commands = new List<RouterCommandFor>();
        var sameSecret = before is { Live: true } && after.Live
            && before.RouterId == after.RouterId && before.SecretName == after.SecretName;

        // Delete, rename or move: the old secret goes first, then its session, or the customer could stay online
        // (a removed secret does not end a live session) or dial in again under the old name.
        if (before is { Live: true } && !sameSecret)
        {
            commands.Add(new(before.RouterId!.Value, new RemoveSecret(before.SecretName)));
            commands.Add(new(before.RouterId.Value, new KickSession(before.SecretName)));
        }

        if (!after.Live) return commands;

        // The worker syncs the client's whole state at delivery, so one sync covers password, profile and switches;
        // an operator who saves a client without changes re-syncs it (a repair without touching the outbox).
        commands.Add(new(after.RouterId!.Value, new SyncSecret(after.SecretName)));

        // A disabled secret does not drop a connected customer: a switch turned off (by the operator or by billing)
        // ends the live session too.
        var switchedOff = sameSecret
            && ((after.Status == ClientStatus.Disabled && before!.Status != ClientStatus.Disabled)
                || (after.Isolated && !before!.Isolated));
        if (switchedOff) commands.Add(new(after.RouterId.Value, new KickSession(after.SecretName)));
        return commands;
    }
}
