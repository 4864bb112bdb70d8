using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MikroNet.Features.Common;

/// <summary>
/// Every decimal of the REST API is money, written with exactly two decimals (`150000.00`) in every answer, whatever
/// scale it came with (a literal in C#, a PostgreSQL numeric, a sum). Reading accepts any JSON number.
/// </summary>
public sealed class MoneyConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString))
            return reader.GetDecimal();
        return decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException("Not a number.");
    }

    // decimal keeps its scale: rounding to 2 places and adding 0.00m gives exactly two decimals, written as such.
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m);
}
