using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using MikroNet.Features.Common;

namespace MikroNet.Features.Graph.Authorization;

/// <summary>
/// The role table for GraphQL (docs/roles.md): a field names its roles with <c>.AuthorizeWithRoles(...)</c>; one that
/// names none is open to every signed-in user when it reads (Query, Subscription and every nested field) and to
/// admin and operator on the Mutation root. A selected field the caller's role may not use refuses the whole
/// document before anything executes (code FORBIDDEN), so nothing is half-read.
/// Runs for cached documents too: the same document may come from callers with different roles.
/// </summary>
public sealed class FieldRoles : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((node, context) =>
    {
        if (context.TypeInfo.GetFieldDef() is not { } field) return;
        var roles = RolesOf(field, context.TypeInfo.GetParentType(), context.Schema);
        if (roles.Count == 0 || roles.Any(r => context.User?.IsInRole(r) == true)) return;
        context.ReportError(new ValidationError(context.Document.Source, "FORBIDDEN",
            $"Your role may not read `{field.Name}` (allowed: {string.Join(", ", roles)}).", node));
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    /// <summary>The roles that may select a field; empty for introspection fields.</summary>
    public static IReadOnlyList<string> RolesOf(FieldType field, IGraphType? parent, ISchema schema) =>
        field.Name.StartsWith("__", StringComparison.Ordinal) ? []
        : field.GetRoles() is { Count: > 0 } declared ? declared
        : parent is not null && parent == schema.Mutation ? Roles.Staff
        : Roles.Everyone;
}
