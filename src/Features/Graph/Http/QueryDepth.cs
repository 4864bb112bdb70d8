using GraphQLParser.AST;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// Depth of an operation's selections, fragments included, leaving out introspection (`__schema`, `__type`):
/// IDEs introspect 14 levels deep on load, which reads no data and must not force a loose limit on real queries.
/// </summary>
internal static class QueryDepth
{
    public static int Of(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue).ToDictionary(g => g.Key, g => g.First());
        return Depth(operation.SelectionSet, fragments, []);
    }

    private static int Depth(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> path)
    {
        if (set is null) return 0;
        var max = 0;
        foreach (var selection in set.Selections)
        {
            var depth = selection switch
            {
                GraphQLField field when field.Name.StringValue.StartsWith("__", StringComparison.Ordinal) => 0,
                GraphQLField field => 1 + Depth(field.SelectionSet, fragments, path),
                GraphQLInlineFragment inline => Depth(inline.SelectionSet, fragments, path),
                GraphQLFragmentSpread spread => Spread(spread.FragmentName.Name.StringValue, fragments, path),
                _ => 0,
            };
            max = Math.Max(max, depth);
        }
        return max;
    }

    // A fragment that spreads itself is a validation error reported later; here it just stops the walk.
    private static int Spread(string name, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> path)
    {
        if (!fragments.TryGetValue(name, out var fragment) || !path.Add(name)) return 0;
        var depth = Depth(fragment.SelectionSet, fragments, path);
        path.Remove(name);
        return depth;
    }
}
