using System.Text.Json;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Provisioning.Outbox;

/// <summary>
/// The payload contract of <c>router_commands</c>: snake_case fields of the kind's record, nulls written out
/// (<c>{"name":"budi"}</c>, <c>{"profile":"10M","rate_limit":null}</c>). SQL that writes rows must build the same
/// objects (<c>jsonb_build_object('name', …)</c>); a test reads rows from every writer back through <see cref="Read"/>.
/// </summary>
public static class RouterMessageJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // Kind is the row's column, not part of the payload.
        IgnoreReadOnlyProperties = true,
    };

    public static string Write(RouterMessage message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    /// <exception cref="JsonException">The payload is not the kind's record (a missing or null required field).</exception>
    public static RouterMessage Read(RouterCommandKind kind, string payload) => kind switch
    {
        RouterCommandKind.SyncSecret => Deserialize<SyncSecret>(payload),
        RouterCommandKind.RemoveSecret => Deserialize<RemoveSecret>(payload),
        RouterCommandKind.KickSession => Deserialize<KickSession>(payload),
        RouterCommandKind.EnsureProfile => Deserialize<EnsureProfile>(payload),
        _ => throw new JsonException($"Unknown router command kind {kind}."),
    };

    private static T Deserialize<T>(string payload) where T : RouterMessage =>
        JsonSerializer.Deserialize<T>(payload, Options) ?? throw new JsonException("The payload is null.");
}
