using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime.Text;

namespace MikroNet.Features.Graph.Scalars;

/// <summary>A NodaTime value as a string scalar in one fixed pattern, both ways.</summary>
public abstract class NodaPatternGraphType<T> : ScalarGraphType where T : struct
{
    private readonly IPattern<T> _pattern;
    private readonly string _expected;

    protected NodaPatternGraphType(string name, string description, IPattern<T> pattern, string expected)
    {
        Name = name;
        Description = description;
        _pattern = pattern;
        _expected = expected;
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
        T v => v,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        T v => _pattern.Format(v),
        _ => ThrowSerializationError(value),
    };

    private T Parse(string text) => _pattern.Parse(text) is { Success: true } r
        ? r.Value
        : throw new FormatException($"'{text}' is not {_expected}.");
}
