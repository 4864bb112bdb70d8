using System.Globalization;
using System.Text;
using GraphQLParser.AST;

namespace MikroNet.Features.Graph.Sql;

/// <summary>
/// Compiles a validated document to the one statement that writes its whole answer (<see cref="SqlAnswer"/>), when the
/// document is a plain one-client tree: one query operation without directives whose root fields are `client(clientId:)`
/// (an Int literal or variable) and `__typename`, and below them only fields <see cref="SqlTypes"/> spells, lists without
/// arguments, no fragments, no directives and no response key twice in one selection (GraphQL.NET would merge those).
/// Anything else returns null and keeps GraphQL.NET's execution.
/// </summary>
public static class TreeStatement
{
    /// <summary>json_build_object takes at most 100 arguments (PostgreSQL's FUNC_MAX_ARGS): 50 keys and values.</summary>
    private const int MaxKeys = 50;

    public static SqlAnswer? Compile(GraphQLDocument document)
    {
        if (document.Definitions is not [GraphQLOperationDefinition { Operation: OperationType.Query } operation]
            || operation.Directives is { Count: > 0 }
            || operation.Variables?.Items.Any(v => v.Directives is { Count: > 0 }) == true)
            return null;

        var compiler = new Compiler();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<string>();
        foreach (var selection in operation.SelectionSet.Selections)
        {
            if (selection is not GraphQLField { Directives: null or { Count: 0 } } field || !keys.Add(KeyOf(field))) return null;
            string? value;
            if (field.Name.Value.Span is "__typename" && field.Arguments is null) value = Literal("Query");
            else if (field.Name.Value.Span is "client" && ClientIdOf(field) is { } id && field.SelectionSet is { } set
                && compiler.Object(set, SqlTypes.Client, "c0") is { } client)
            {
                value = $"(SELECT {client} FROM clients c0 WHERE c0.id = {compiler.Parameter(id)} AND c0.deleted_at IS NULL)";
            }
            else return null;
            pairs.Add($"{Literal(KeyOf(field))}, {value}");
        }
        if (pairs.Count > MaxKeys) return null;
        return new SqlAnswer(operation,
            $"SELECT convert_to(json_build_object('data', json_build_object({string.Join(", ", pairs)}))::text, 'UTF8')",
            compiler.Parameters);
    }

    /// <summary>The `clientId` argument, a literal Int or a variable; null for anything else.</summary>
    private static SqlParameter? ClientIdOf(GraphQLField field) => field.Arguments?.Items switch
    {
        [{ Name.Value.Span: "clientId", Value: GraphQLIntValue literal }]
            when int.TryParse(literal.Value.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) =>
            new SqlParameter.ClientId(id, null),
        [{ Name.Value.Span: "clientId", Value: GraphQLVariable variable }] => new SqlParameter.ClientId(null, variable.Name.StringValue),
        _ => null,
    };

    private static string KeyOf(GraphQLField field) => (field.Alias?.Name ?? field.Name).StringValue;

    /// <summary>A SQL string literal; GraphQL names are [_A-Za-z][_0-9A-Za-z]*, so no quote is ever doubled.</summary>
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Writes nested objects, each list or reference with a table alias of its own (c0, t1, t2 …), and numbers the
    /// statement's parameters ($1, $2 …) in the order they are first needed.
    /// </summary>
    private sealed class Compiler
    {
        private int _aliases;

        public List<SqlParameter> Parameters { get; } = [];

        public string Parameter(SqlParameter parameter)
        {
            // Records: the same variable, today or the grace days asked twice is one parameter.
            var index = Parameters.IndexOf(parameter);
            if (index < 0)
            {
                Parameters.Add(parameter);
                index = Parameters.Count - 1;
            }
            return "$" + (index + 1).ToString(CultureInfo.InvariantCulture);
        }

        public string? Object(GraphQLSelectionSet set, SqlObjectType type, string row)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var pairs = new StringBuilder();
            foreach (var selection in set.Selections)
            {
                if (selection is not GraphQLField { Directives: null or { Count: 0 }, Arguments: null or { Count: 0 } } field
                    || !keys.Add(KeyOf(field)) || keys.Count > MaxKeys)
                    return null;
                var value = field.Name.Value.Span is "__typename" ? Literal(type.Name)
                    : type.Fields.GetValueOrDefault(field.Name.StringValue) is { } mapped ? Field(mapped, field, row)
                    : null;
                if (value is null) return null;
                if (pairs.Length > 0) pairs.Append(", ");
                pairs.Append(Literal(KeyOf(field))).Append(", ").Append(value);
            }
            return $"json_build_object({pairs})";
        }

        private string? Field(SqlField mapped, GraphQLField field, string row) => (mapped, field.SelectionSet) switch
        {
            (ScalarField scalar, null) => scalar.Expression(row),
            (AsOfTodayField asOf, null) => asOf.Expression(row, Parameter(SqlParameter.Today), Parameter(SqlParameter.GraceDays)),
            (RowObjectField nested, { } set) => Object(set, nested.Type, row),
            (ReferenceField reference, { } set) => Reference(reference, set, row),
            (ListField list, { } set) => List(list, set, row),
            _ => null,
        };

        private string? Reference(ReferenceField reference, GraphQLSelectionSet set, string parent)
        {
            var row = "t" + ++_aliases;
            return Object(set, reference.Type, row) is { } item
                ? $"(SELECT {item} FROM {reference.Table} {row} WHERE {row}.id = {parent}.{reference.Column})"
                : null;
        }

        private string? List(ListField list, GraphQLSelectionSet set, string parent)
        {
            var row = "t" + ++_aliases;
            if (Object(set, list.Type, row) is not { } item) return null;
            var order = string.Join(", ", list.Order.Select(column => $"{row}.{column}"));
            return $"coalesce((SELECT json_agg({item} ORDER BY {order}) FROM {list.Table} {row} "
                + $"WHERE {row}.{list.ForeignKey} = {parent}.id), '[]')";
        }
    }
}

/// <summary>What a statement's parameter is bound to on each request.</summary>
public abstract record SqlParameter
{
    /// <summary>A root `client` field's id: a literal in the document or a variable of the request.</summary>
    public sealed record ClientId(int? Literal, string? Variable) : SqlParameter;

    /// <summary>Today in the provider's zone (<see cref="Infrastructure.Time.ProviderClock.Today"/>).</summary>
    public sealed record AsOf : SqlParameter;

    /// <summary>`Billing:GraceDays`.</summary>
    public sealed record Grace : SqlParameter;

    public static readonly SqlParameter Today = new AsOf();
    public static readonly SqlParameter GraceDays = new Grace();
}
