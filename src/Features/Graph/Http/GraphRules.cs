using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using MikroNet.Features.Graph.Authorization;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// The validation rules a request runs. A new document runs GraphQL.NET's core rules, the role rule and the
/// complexity analyzer. A cached one (<see cref="CachedDocument"/>) passed the core rules already; it runs the role
/// rule unless a caller with the same roles passed it, and the complexity analyzer unless no variable can change
/// its result. The depth and input limits run on every request before this (<see cref="GraphExecution"/>), so the
/// analyzer's own depth limit is not set.
/// </summary>
public sealed class GraphRules(IOptions<GraphOptions> options)
{
    private readonly FieldRoles _roles = new();
    private readonly ComplexityValidationRule _complexity = new(new ComplexityOptions { MaxComplexity = options.Value.MaxComplexity });

    /// <summary>Every rule: what a new document runs, and any execution that does not choose its rules.</summary>
    public IValidationRule[] All => [.. DocumentValidator.CoreRules, _roles, _complexity];

    public IEnumerable<IValidationRule> For(CachedDocument? cached, string roles)
    {
        if (cached is null) return All;
        return (cached.Permits(roles), cached.ComplexityIgnoresVariables) switch
        {
            (true, true) => [],
            (true, false) => [_complexity],
            (false, true) => [_roles],
            (false, false) => [_roles, _complexity],
        };
    }
}
