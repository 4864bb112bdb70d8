using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Graph.Scalars;

/// <summary>A calendar date without time or zone, `yyyy-MM-dd` (billing dates are dates in the provider's zone).</summary>
public sealed class LocalDateGraphType : ScalarGraphType
{
    public LocalDateGraphType()
    {
        Name = "LocalDate";
        Description = "A calendar date in the provider's time zone, formatted yyyy-MM-dd.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => Parse((string)s.Value),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => Parse(s),
        LocalDate d => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        LocalDate d => LocalDatePattern.Iso.Format(d),
        _ => ThrowSerializationError(value),
    };

    private static LocalDate Parse(string text) => LocalDatePattern.Iso.Parse(text) is { Success: true } r
        ? r.Value
        : throw new FormatException($"'{text}' is not a date in yyyy-MM-dd format.");
}
