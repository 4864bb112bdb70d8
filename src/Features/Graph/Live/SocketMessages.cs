using System.Text;
using System.Text.Json;
using GraphQL;
using MikroNet.Features.Graph.Http;

namespace MikroNet.Features.Graph.Live;

/// <summary>A graphql-transport-ws message from the client, or why it is not one (then the connection closes with 4400).</summary>
internal sealed record SocketMessage(string Type, string? Id, JsonElement? Payload)
{
    public static (SocketMessage? Message, string? Error) Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "A message must be a JSON object.");
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                return (null, "A message needs a 'type'.");
            string? id = null;
            if (root.TryGetProperty("id", out var idValue))
            {
                if (idValue.ValueKind != JsonValueKind.String || idValue.GetString()!.Length is 0 or > 256)
                    return (null, "'id' must be a string of 1 to 256 characters.");
                id = idValue.GetString();
            }
            JsonElement? payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
            return (new SocketMessage(type.GetString()!, id, payload), null);
        }
        catch (JsonException)
        {
            return (null, "The message is not valid JSON.");
        }
    }

    /// <summary>A subscribe payload as a GraphQL request (the same shape as a POST body), or why it is not one.</summary>
    public (GraphRequest? Request, string? Error) Request(IGraphQLTextSerializer serializer)
    {
        if (Payload is not { ValueKind: JsonValueKind.Object } payload) return (null, "'subscribe' needs a payload object.");
        if (!payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(query.GetString()))
            return (null, "'query' must be a non-empty string.");
        string? operationName = null;
        if (payload.TryGetProperty("operationName", out var op) && op.ValueKind == JsonValueKind.String) operationName = op.GetString();
        Inputs? variables = null, extensions = null;
        if (payload.TryGetProperty("variables", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            if (v.ValueKind != JsonValueKind.Object) return (null, "'variables' must be a JSON object.");
            variables = serializer.Deserialize<Inputs>(v.GetRawText());
        }
        if (payload.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object)
            extensions = serializer.Deserialize<Inputs>(e.GetRawText());
        return (new GraphRequest(query.GetString()!, string.IsNullOrEmpty(operationName) ? null : operationName, variables, extensions), null);
    }
}

/// <summary>Messages the server sends.</summary>
internal static class SocketReplies
{
    public static byte[] Ack() => """{"type":"connection_ack"}"""u8.ToArray();

    public static byte[] Ping() => """{"type":"ping"}"""u8.ToArray();

    public static byte[] Pong(JsonElement? payload) => Encoding.UTF8.GetBytes(payload is { } p
        ? $$"""{"type":"pong","payload":{{p.GetRawText()}}}""" : """{"type":"pong"}""");

    public static byte[] Complete(string id) => Encoding.UTF8.GetBytes($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"complete"}""");

    /// <summary>`next` with an execution result as its payload.</summary>
    public static byte[] Next(string id, string resultJson) =>
        Encoding.UTF8.GetBytes($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"next","payload":{{resultJson}}}""");

    /// <summary>`error` with the result's GraphQL errors (the operation is over).</summary>
    public static byte[] Error(string id, string resultJson)
    {
        using var result = JsonDocument.Parse(resultJson);
        var errors = result.RootElement.TryGetProperty("errors", out var e) ? e.GetRawText() : "[]";
        return Encoding.UTF8.GetBytes($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"error","payload":{{errors}}}""");
    }
}
