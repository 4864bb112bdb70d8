using System.Collections.Concurrent;
using System.Security.Claims;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using MikroNet.Features.Graph.Sql;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// A document that passed validation, and what its first validation proved for later requests: the role sets whose
/// fields it may read (<see cref="Authorization.FieldRoles"/> depends on the document and the caller's roles only),
/// and whether its complexity can change with the variables.
/// </summary>
public sealed class CachedDocument
{
    private readonly ConcurrentDictionary<string, bool> _permitted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GraphQLOperationDefinition, int> _depths = new(ReferenceEqualityComparer.Instance);

    private CachedDocument(GraphQLDocument document, bool complexityIgnoresVariables)
    {
        Document = document;
        ComplexityIgnoresVariables = complexityIgnoresVariables;
        Answer = TreeStatement.Compile(document);
    }

    /// <summary>An entry for a document that has just passed every rule as a caller with <paramref name="roles"/>.</summary>
    public static async ValueTask<CachedDocument> CreateAsync(GraphQLDocument document, string roles)
    {
        var entry = new CachedDocument(document, !await VariablesInLimits.FoundInAsync(document));
        entry.Permit(roles);
        return entry;
    }

    public GraphQLDocument Document { get; }

    /// <summary>
    /// True when no variable reaches what GraphQL.NET's complexity analyzer reads from the request: the `first`, `last`
    /// and `id` arguments (list multipliers) and the directives (`@skip`/`@include` leave fields out). The complexity
    /// of such a document is the one it had when it passed, whatever the variables.
    /// </summary>
    public bool ComplexityIgnoresVariables { get; }

    /// <summary>The statement writing this document's whole answer, when it is a plain one-client tree (else null).</summary>
    public SqlAnswer? Answer { get; }

    /// <summary>The depth of one of its operations (<see cref="QueryDepth"/>), walked once: it depends on the document alone.</summary>
    public int DepthOf(GraphQLOperationDefinition operation) =>
        _depths.GetOrAdd(operation, static (o, document) => QueryDepth.Of(document, o), Document);

    /// <summary>Whether callers with these roles (<see cref="RolesOf"/>) passed the role rule on this document.</summary>
    public bool Permits(string roles) => _permitted.ContainsKey(roles);

    public void Permit(string roles) => _permitted.TryAdd(roles, true);

    /// <summary>
    /// The caller's role claims as one text: the role rule asks <see cref="ClaimsPrincipal.IsInRole"/>, which compares
    /// a role with exactly these values, so two callers with the same text get the same verdict.
    /// </summary>
    public static string RolesOf(ClaimsPrincipal? user)
    {
        if (user is null) return "";
        // Every token carries one role: that value is the text, without sorting and joining.
        string? first = null;
        var count = 0;
        foreach (var identity in user.Identities)
            foreach (var claim in identity.FindAll(identity.RoleClaimType))
            {
                first ??= claim.Value;
                count++;
            }
        return count <= 1 ? first ?? "" : string.Join('\n',
            user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Order(StringComparer.Ordinal));
    }

    /// <summary>Looks for variables in directives and in the arguments the complexity analyzer reads.</summary>
    private sealed class VariablesInLimits : ASTVisitor<VariablesInLimits>, IASTVisitorContext
    {
        private int _watching;
        private bool _found;

        public CancellationToken CancellationToken => default;

        public static async ValueTask<bool> FoundInAsync(GraphQLDocument document)
        {
            var walk = new VariablesInLimits();
            await walk.VisitAsync(document, walk);
            return walk._found;
        }

        protected override async ValueTask VisitDirectiveAsync(GraphQLDirective directive, VariablesInLimits context)
        {
            _watching++;
            await base.VisitDirectiveAsync(directive, context);
            _watching--;
        }

        protected override async ValueTask VisitArgumentAsync(GraphQLArgument argument, VariablesInLimits context)
        {
            var read = argument.Name.Value.Span is "first" or "last" or "id";
            if (read) _watching++;
            await base.VisitArgumentAsync(argument, context);
            if (read) _watching--;
        }

        protected override ValueTask VisitVariableAsync(GraphQLVariable variable, VariablesInLimits context)
        {
            if (_watching > 0) _found = true;
            return default;
        }
    }
}
