using System.Text.Json;
using System.Text.Json.Serialization;

namespace MikroNet.Features.Common;

/// <summary>
/// For the few fields that are prose (a message template's body): line breaks and tabs are allowed, every other
/// control character is refused as <see cref="TextConverter"/> refuses it. Put it on the property:
/// <c>[JsonConverter(typeof(MultiLineTextConverter))]</c>.
/// </summary>
public sealed class MultiLineTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString()!;
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                throw new UnsafeTextException($"must not contain control characters other than line breaks and tabs (found U+{(int)c:X4}).");
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
