using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Graph.Scalars;

/// <summary>A moment on the global time line, ISO-8601 in UTC (`2026-11-25T03:00:00Z`).</summary>
public sealed class InstantGraphType : ScalarGraphType
{
    public InstantGraphType()
    {
        Name = "Instant";
        Description = "A moment in time, ISO-8601 in UTC, for example 2026-11-25T03:00:00Z.";
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
        Instant i => i,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Instant i => InstantPattern.ExtendedIso.Format(i),
        _ => ThrowSerializationError(value),
    };

    private static Instant Parse(string text) => InstantPattern.ExtendedIso.Parse(text) is { Success: true } r
        ? r.Value
        : throw new FormatException($"'{text}' is not an ISO-8601 instant such as 2026-11-25T03:00:00Z.");
}
