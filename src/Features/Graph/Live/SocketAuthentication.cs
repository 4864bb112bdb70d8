using System.Security.Claims;
using System.Text.Json;
using MikroNet.Infrastructure.Security;
using NodaTime;

namespace MikroNet.Features.Graph.Live;

/// <summary>The caller of a WebSocket connection, as its `connection_init` proved, and until when the token holds.</summary>
public sealed record SocketUser(ClaimsPrincipal Principal, Guid TokenId, Instant ExpiresAt);

/// <summary>
/// Browsers cannot set headers on a WebSocket, so the bearer token comes in `connection_init`'s payload:
/// `{ "Authorization": "Bearer …" }` (what Banana Cake Pop and most clients send), `{ "authorization": "…" }`,
/// `{ "headers": { "Authorization": "…" } }` or `{ "token": "…" }`. It is checked as REST checks it (signature,
/// issuer, audience, expiry, not revoked), and again before every event.
/// </summary>
public sealed class SocketAuthentication(ValidatedTokens tokens, RevokedTokens revoked, IClock clock)
{
    public async Task<SocketUser?> AuthenticateAsync(JsonElement? payload, IServiceProvider services, CancellationToken ct)
    {
        if (Token(payload) is not { Length: > 0 } token) return null;
        var valid = tokens.TryGetKnown(token, out var known) ? known : (await tokens.ValidateAsync(token)).Valid;
        if (valid?.Id is not { } tokenId) return null;
        var user = new SocketUser(new ClaimsPrincipal(valid.Identity), tokenId, valid.ExpiresAt);
        return await StillValidAsync(user, services, ct) ? user : null;
    }

    /// <summary>Not expired and not revoked (the in-memory set while it is current, else the database).</summary>
    public async Task<bool> StillValidAsync(SocketUser user, IServiceProvider services, CancellationToken ct)
    {
        if (user.ExpiresAt <= clock.GetCurrentInstant()) return false;
        return await revoked.IsLiveAsync(user.TokenId, services, ct);
    }

    private static string? Token(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } p) return null;
        var value = Property(p, "authorization") ?? Property(p, "token")
            ?? (Property(p, "headers") is { ValueKind: JsonValueKind.Object } headers ? Property(headers, "authorization") : null);
        if (value is not { ValueKind: JsonValueKind.String } text) return null;
        var raw = text.GetString()!.Trim();
        return raw.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? raw[7..].Trim() : raw;
    }

    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }
}
