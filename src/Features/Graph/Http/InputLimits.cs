using System.Collections;
using GraphQL;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// Checks argument values in the document and the variables before anything executes: no list longer than
/// `GraphQL:MaxListLength`, no nesting of objects and lists deeper than `GraphQL:MaxInputDepth`, no control characters
/// in strings (as in REST). The walks are bounded by the parser's depth limit and the JSON reader's, so they cannot
/// recurse without end themselves.
/// </summary>
internal static class InputLimits
{
    public const string ListTooLong = "LIST_TOO_LONG";
    public const string InputTooDeep = "INPUT_TOO_DEEP";
    public const string InvalidText = "INVALID_TEXT";

    /// <param name="document">The document's literals to check; null for a cached document, whose literals passed.</param>
    public static async ValueTask<ExecutionError?> CheckAsync(GraphQLDocument? document, Inputs? variables, GraphOptions options)
    {
        if (document is not null)
        {
            var walk = new DocumentWalk(options);
            await walk.VisitAsync(document, walk);
            if (walk.Error is { } error) return error;
        }
        return variables is null ? null : Value(variables, 0, options);
    }

    private static ExecutionError? Value(object? value, int depth, GraphOptions options) => value switch
    {
        string text => Text(text),
        IDictionary dictionary => Nested(dictionary.Count, dictionary.Values, depth, options, list: false),
        ICollection list => Nested(list.Count, list, depth, options, list: true),
        _ => null,
    };

    private static ExecutionError? Nested(int count, IEnumerable items, int depth, GraphOptions options, bool list)
    {
        if (depth + 1 > options.MaxInputDepth) return TooDeep(options);
        if (list && count > options.MaxListLength) return TooLong(count, options);
        foreach (var item in items)
            if (Value(item, depth + 1, options) is { } error) return error;
        return null;
    }

    private static ExecutionError? Text(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c))
                return new ExecutionError($"Strings must not contain control characters (found U+{(int)c:X4}).") { Code = InvalidText };
        return null;
    }

    private static ExecutionError TooDeep(GraphOptions options) =>
        new($"An argument or variable is nested more than {options.MaxInputDepth} levels deep (GraphQL:MaxInputDepth).")
            { Code = InputTooDeep };

    private static ExecutionError TooLong(int count, GraphOptions options) =>
        new($"A list holds {count} items; at most {options.MaxListLength} are allowed (GraphQL:MaxListLength).") { Code = ListTooLong };

    /// <summary>Literal values anywhere in the document (arguments, directives, variable defaults).</summary>
    private sealed class DocumentWalk(GraphOptions options) : ASTVisitor<DocumentWalk>, IASTVisitorContext
    {
        private int _depth;

        public ExecutionError? Error { get; private set; }

        public CancellationToken CancellationToken => default;

        protected override ValueTask VisitListValueAsync(GraphQLListValue listValue, DocumentWalk context)
        {
            var count = listValue.Values?.Count ?? 0;
            return count > options.MaxListLength ? Fail(TooLong(count, options)) : Nested(() => base.VisitListValueAsync(listValue, context));
        }

        protected override ValueTask VisitObjectValueAsync(GraphQLObjectValue objectValue, DocumentWalk context) =>
            Nested(() => base.VisitObjectValueAsync(objectValue, context));

        protected override ValueTask VisitStringValueAsync(GraphQLStringValue stringValue, DocumentWalk context) =>
            Error is null && Text((string)stringValue.Value) is { } error ? Fail(error) : default;

        private async ValueTask Nested(Func<ValueTask> visit)
        {
            if (Error is not null) return;
            if (++_depth > options.MaxInputDepth) Error = TooDeep(options);
            else await visit();
            _depth--;
        }

        private ValueTask Fail(ExecutionError error)
        {
            Error ??= error;
            return default;
        }
    }
}
