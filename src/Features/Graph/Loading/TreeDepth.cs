using GraphQL;
using GraphQLParser.AST;

namespace MikroNet.Features.Graph.Loading;

/// <summary>
/// How many levels of `subscriptions { invoices { payments } }` a `client` selection reads as plain lists (selected
/// without arguments), so that they can be read with the client in one statement (<see cref="ClientTrees"/>).
/// Lists with arguments, and everything below them, are left to their own loaders. A `@skip`ped or type-conditioned
/// selection still counts: reading a level nobody renders costs a join, never a wrong answer.
/// </summary>
internal static class TreeDepth
{
    private static readonly string[] Path = ["subscriptions", "invoices", "payments"];

    public static int Of(IResolveFieldContext context)
    {
        List<GraphQLSelectionSet> sets = context.FieldAst.SelectionSet is { } selection ? [selection] : [];
        var depth = 0;
        while (depth < Path.Length)
        {
            var next = new List<GraphQLSelectionSet>();
            foreach (var set in sets) Collect(set, Path[depth], next, context.Document, []);
            if (next.Count == 0) break;
            sets = next;
            depth++;
        }
        return depth;
    }

    /// <summary>The selection sets of the argument-free fields called <paramref name="name"/>, fragments included.</summary>
    private static void Collect(GraphQLSelectionSet set, string name, List<GraphQLSelectionSet> found, GraphQLDocument document,
        HashSet<string> spread)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when field.Name.Value.Span.SequenceEqual(name) && (field.Arguments?.Count ?? 0) == 0:
                    if (field.SelectionSet is { } sub) found.Add(sub);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, name, found, document, spread);
                    break;
                // Validation has refused cycles already; the set only keeps a fragment from being walked twice.
                case GraphQLFragmentSpread fragmentSpread when spread.Add(fragmentSpread.FragmentName.Name.StringValue):
                    foreach (var definition in document.Definitions)
                        if (definition is GraphQLFragmentDefinition fragment && fragment.FragmentName.Name == fragmentSpread.FragmentName.Name)
                            Collect(fragment.SelectionSet, name, found, document, spread);
                    break;
            }
        }
    }
}
