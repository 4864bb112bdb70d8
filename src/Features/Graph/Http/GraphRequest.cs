using System.Text.Json;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace MikroNet.Features.Graph.Http;

/// <summary>A GraphQL-over-HTTP request as read from a GET query string or a POST JSON body.</summary>
internal sealed record GraphRequest(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions)
{
    /// <summary>Reads the request or returns why it is not one (a 400 in every media type).</summary>
    public static async Task<(GraphRequest? Request, string? Error)> ReadAsync(HttpRequest http, IGraphQLTextSerializer serializer)
    {
        if (HttpMethods.IsGet(http.Method))
        {
            var q = http.Query;
            if (q["query"].Count != 1 || string.IsNullOrWhiteSpace(q["query"][0])) return (null, "The 'query' parameter is missing.");
            var (variables, vError) = ParseInputs(q["variables"].FirstOrDefault(), "variables", serializer);
            var (extensions, eError) = ParseInputs(q["extensions"].FirstOrDefault(), "extensions", serializer);
            if ((vError ?? eError) is { } error) return (null, error);
            return (new GraphRequest(q["query"][0]!, NullIfEmpty(q["operationName"].FirstOrDefault()), variables, extensions), null);
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Body, cancellationToken: http.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, DepthExceeded(e) ? $"The body is nested more than {JsonDepth} levels deep." : "The body is not valid JSON.");
        }
        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "The body must be a JSON object.");
            if (!root.TryGetProperty("query", out var property) || property.ValueKind != JsonValueKind.String
                || property.GetString() is not { } query || string.IsNullOrWhiteSpace(query))
                return (null, "'query' must be a non-empty string.");
            string? operationName = null;
            if (root.TryGetProperty("operationName", out var op) && op.ValueKind != JsonValueKind.Null)
            {
                if (op.ValueKind != JsonValueKind.String) return (null, "'operationName' must be a string.");
                operationName = NullIfEmpty(op.GetString());
            }
            var (variables, vError) = ObjectInputs(root, "variables", serializer);
            var (extensions, eError) = ObjectInputs(root, "extensions", serializer);
            if ((vError ?? eError) is { } error) return (null, error);
            return (new GraphRequest(query, operationName, variables, extensions), null);
        }
    }

    private static (Inputs?, string?) ObjectInputs(JsonElement root, string name, IGraphQLTextSerializer serializer)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return (null, null);
        return value.ValueKind == JsonValueKind.Object
            ? (serializer.ReadNode<Inputs>(value), null)
            : (null, $"'{name}' must be a JSON object.");
    }

    private static (Inputs?, string?) ParseInputs(string? text, string name, IGraphQLTextSerializer serializer)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind switch
            {
                JsonValueKind.Null => (null, null),
                JsonValueKind.Object => (serializer.Deserialize<Inputs>(text), null),
                _ => (null, $"'{name}' must be a JSON object."),
            };
        }
        catch (JsonException e)
        {
            return (null, DepthExceeded(e) ? $"'{name}' is nested more than {JsonDepth} levels deep." : $"'{name}' is not valid JSON.");
        }
    }

    /// <summary>System.Text.Json's default reader depth, which bounds every walk of the variables.</summary>
    private const int JsonDepth = 64;

    private static bool DepthExceeded(JsonException e) => e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
