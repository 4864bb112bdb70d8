using System.Security.Cryptography;
using System.Text.Json;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using MikroNet.RouterOs;

namespace MikroNet.Features.Provisioning.Worker;

/// <summary>
/// Delivers one outbox command idempotently: every kind first looks at the router and only changes what differs,
/// so a command repeated after a crash or a lost reply does no harm.
/// </summary>
internal static class CommandRunner
{
    public static async Task<DeliveryOutcome> RunAsync(
        RouterOsConnection router, RouterCommand command, Client? client, SecretProtector secrets, CancellationToken ct)
    {
        try
        {
            var task = RouterMessageJson.Read(command.Kind, command.Payload) switch
            {
                SyncSecret => SyncSecretAsync(router, command, client, secrets, ct),
                RemoveSecret remove => RemoveSecretAsync(router, command, remove.Name, ct),
                KickSession kick => KickAsync(router, kick.Name, ct),
                EnsureProfile profile => EnsureProfileAsync(router, profile, ct),
                var other => throw new JsonException($"No delivery for {other.GetType().Name}."),
            };
            await task;
            return DeliveryOutcome.Done;
        }
        catch (RouterOsTrapException trap) when (IsTransient(trap.TrapMessage))
        {
            return DeliveryOutcome.Retry(trap.TrapMessage);
        }
        catch (RouterOsTrapException trap)
        {
            return DeliveryOutcome.Failed(trap.TrapMessage);
        }
        catch (RouterOsEncodingException ex)
        {
            // Text the router's encoding cannot hold (stored before the API refused it): no retry can help.
            return DeliveryOutcome.Failed(ex.Message);
        }
        catch (RouterOsException ex)
        {
            return DeliveryOutcome.Retry(ex.Message);
        }
        catch (CryptographicException)
        {
            return DeliveryOutcome.Failed("The client's PPP password cannot be decrypted with this host's keys.");
        }
        catch (JsonException ex)
        {
            return DeliveryOutcome.Failed($"Malformed {command.Kind} payload: {ex.Message}");
        }
    }

    /// <summary>
    /// Traps that describe a race with another writer (an operator, a reconcile) rather than a wrong value:
    /// the next attempt looks at the router again and takes the other path.
    /// </summary>
    private static bool IsTransient(string message) =>
        message.StartsWith("failure: secret with the same name already exists", StringComparison.Ordinal)
        || message.StartsWith("failure: profile with the same name already exists", StringComparison.Ordinal)
        || message.StartsWith("no such item", StringComparison.Ordinal)
        || message.StartsWith("interrupted", StringComparison.Ordinal);

    /// <summary>
    /// Syncs the client's current state rather than the state when the command was queued. A deleted or cancelled
    /// client, or one that moved to another router, has a remove_secret queued instead, so there is nothing to do here.
    /// </summary>
    private static async Task SyncSecretAsync(
        RouterOsConnection router, RouterCommand command, Client? client, SecretProtector secrets, CancellationToken ct)
    {
        if (client is null || client.DeletedAt is not null || client.CancelledAt is not null
            || client.RouterId != command.RouterId) return;

        var desired = DesiredSecret.For(client, secrets);
        var found = await router.PrintAsync(DesiredSecret.SecretMenu, ["?name=" + desired.Name, DesiredSecret.Proplist], ct);
        if (found.Count == 0)
        {
            await router.AddAsync(DesiredSecret.SecretMenu, desired.AddProperties(), ct);
            return;
        }

        var changes = desired.Differences(found[0]);
        if (changes.Count > 0) await router.SetAsync(DesiredSecret.SecretMenu, found[0][".id"], changes, ct);
    }

    /// <summary>A secret whose comment names another client belongs to that client now (the name was reused).</summary>
    private static async Task RemoveSecretAsync(RouterOsConnection router, RouterCommand command, string name, CancellationToken ct)
    {
        var found = await router.PrintAsync(DesiredSecret.SecretMenu, ["?name=" + name, DesiredSecret.Proplist], ct);
        foreach (var secret in found)
        {
            var owner = DesiredSecret.ClientIdIn(secret);
            if (owner is not null && owner != command.ClientId) continue;
            await router.RemoveAsync(DesiredSecret.SecretMenu, secret[".id"], ct);
        }
    }

    private static async Task KickAsync(RouterOsConnection router, string name, CancellationToken ct)
    {
        var sessions = await router.PrintAsync(DesiredSecret.ActiveMenu, ["?name=" + name, "=.proplist=.id"], ct);
        await Task.WhenAll(sessions.Select(async session =>
        {
            try
            {
                await router.RemoveAsync(DesiredSecret.ActiveMenu, session[".id"], ct);
            }
            catch (RouterOsTrapException trap) when (trap.TrapMessage.StartsWith("no such item", StringComparison.Ordinal))
            {
                // The customer hung up on their own in the meantime.
            }
        }));
    }

    private static async Task EnsureProfileAsync(RouterOsConnection router, EnsureProfile profile, CancellationToken ct)
    {
        var rateLimit = profile.RateLimit ?? string.Empty;
        var found = await router.PrintAsync("/ppp/profile", ["?name=" + profile.Profile, "=.proplist=.id,name,rate-limit"], ct);
        if (found.Count == 0)
        {
            List<KeyValuePair<string, string>> properties = [new("name", profile.Profile)];
            if (rateLimit.Length > 0) properties.Add(new("rate-limit", rateLimit));
            await router.AddAsync("/ppp/profile", properties, ct);
        }
        else if (rateLimit.Length > 0 && found[0].GetValueOrDefault("rate-limit") != rateLimit)
        {
            await router.SetAsync("/ppp/profile", found[0][".id"], [new("rate-limit", rateLimit)], ct);
        }
    }
}
