using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MikroNet.Features.Common;

/// <summary>
/// Every JSON string of every request body passes here: control characters (NUL, escape, line breaks, …) are refused
/// once for all fields, so no text reaches PostgreSQL (which rejects NUL), a router or a log that could be cut or
/// forged by them. The refusal is a 400 naming the field (<see cref="JsonErrors"/>).
/// </summary>
public sealed class TextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString()!;
        foreach (var c in text)
            if (char.IsControl(c)) throw new UnsafeTextException($"must not contain control characters (found U+{(int)c:X4}).");
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A string refused by <see cref="TextConverter"/>; its message is the reason given to the caller.</summary>
public sealed class UnsafeTextException(string reason) : JsonException(reason);
