using System.Globalization;
using System.Text;
using GraphQL;

namespace MikroNet.Features.Graph.Nodes;

/// <summary>
/// Relay global object ids: the base64 of "&lt;type&gt;:&lt;key&gt;" (`Client:7` → `Q2xpZW50Ojc=`), the format of
/// HotChocolate 14. Clients must treat them as opaque; they stay valid as long as the object exists.
/// </summary>
public static class GlobalId
{
    public const string InvalidId = "INVALID_ID";

    /// <summary>The object types that have a global id, in the order the schema lists them.</summary>
    public static readonly IReadOnlyList<string> Types = ["Client", "Subscription", "Invoice", "Payment", "Plan", "Router", "User"];

    public static string Encode(string type, int key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(type + ":" + key.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The type and key of an id, or a GraphQL error with code INVALID_ID (never an exception of another kind).</summary>
    public static (string Type, int Key) Decode(string id)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
        }
        catch (FormatException)
        {
            throw Invalid(id, "is not an id of this API");
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var key) || key <= 0)
            throw Invalid(id, "is not an id of this API");
        var type = text[..colon];
        if (!Types.Contains(type)) throw Invalid(id, "names no type with ids");
        return (type, key);
    }

    /// <summary>The key of an id that must be of <paramref name="type"/>.</summary>
    public static int KeyOf(string id, string type)
    {
        var (actual, key) = Decode(id);
        return actual == type ? key : throw Invalid(id, $"is a {actual} id, not a {type} id");
    }

    private static ExecutionError Invalid(string id, string why)
    {
        // Echo at most a short prefix: an id argument may be anything a caller sends.
        var shown = id.Length > 40 ? id[..40] + "…" : id;
        return new ExecutionError($"'{shown}' {why}.") { Code = InvalidId };
    }
}
