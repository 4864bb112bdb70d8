using System.Collections;
using System.Linq.Expressions;
using GraphQL;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>
/// Turns a parsed `where` argument into an expression tree that EF Core translates to SQL. Values become
/// parameters (members of a closure-like box), never SQL literals, so plans are reused and nothing is spliced.
/// The tree never grows deeper than the input's own nesting: `in` is one array parameter (`= ANY(@p)`), and the
/// members of `and`/`or` lists are combined as a balanced tree (depth log₂ n), so that no visitor of EF Core,
/// Npgsql or PostgreSQL recurses once per list item. At most `GraphQL:MaxFilterNodes` objects and operations.
/// </summary>
public static class WhereTranslator
{
    public const string InvalidFilter = "INVALID_FILTER";
    public const string FilterTooLarge = "FILTER_TOO_LARGE";

    /// <param name="db">The request's DbContext, for list relations that read another table (no navigation).</param>
    public static IQueryable<T> ApplyWhere<T>(this IQueryable<T> source, object? where, FilterDefinition<T> definition, int maxNodes,
        object? db = null)
    {
        if (where is not IDictionary<string, object?> filter) return source;
        var parameter = Expression.Parameter(typeof(T), "x");
        var scope = new Scope(new NodeBudget(maxNodes), db);
        return source.Where(Expression.Lambda<Func<T, bool>>(Object(filter, parameter, definition, scope), parameter));
    }

    private static Expression Object(IDictionary<string, object?> filter, Expression x, IFilterDefinition definition, Scope scope)
    {
        scope.Budget.Spend();
        var parts = new List<Expression>();
        foreach (var (name, value) in filter)
        {
            if (value is null) continue;
            switch (name)
            {
                case "and":
                    parts.Add(Balanced(Items(value).Select(f => Object(f, x, definition, scope)).ToList(), Expression.AndAlso, true));
                    break;
                case "or":
                    parts.Add(Balanced(Items(value).Select(f => Object(f, x, definition, scope)).ToList(), Expression.OrElse, false));
                    break;
                default:
                    var field = definition.Find(name) ?? throw Invalid($"Unknown filter field '{name}'.");
                    var member = Read(field.Selector, x, scope);
                    var operations = (IDictionary<string, object?>)value;
                    parts.Add(field.Kind switch
                    {
                        FilterFieldKind.Object => Related(member, operations, field.Related!(), scope),
                        FilterFieldKind.List => Quantified(member, operations, field.Related!(), scope),
                        _ => Operations(member, operations, scope.Budget),
                    });
                    break;
            }
        }
        return Balanced(parts, Expression.AndAlso, true);
    }

    /// <summary>The selector's body applied to <paramref name="x"/> (and to the DbContext when it takes one).</summary>
    private static Expression Read(LambdaExpression selector, Expression x, Scope scope)
    {
        var body = new Rebind(selector.Parameters[^1], x).Visit(selector.Body);
        if (selector.Parameters.Count == 1) return body;
        var db = scope.Db ?? throw new InvalidOperationException($"The filter on {selector} needs the DbContext.");
        return new Rebind(selector.Parameters[0], Expression.Constant(db, selector.Parameters[0].Type)).Visit(body);
    }

    /// <summary>`invoice.client: { … }`: the related object's filter on the navigation (null never matches).</summary>
    private static Expression Related(Expression member, IDictionary<string, object?> filter, IFilterDefinition related, Scope scope) =>
        Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, member.Type)), Object(filter, member, related, scope));

    /// <summary>`some`/`none`/`all`/`any` over a list relation: EXISTS subqueries in SQL.</summary>
    private static Expression Quantified(Expression list, IDictionary<string, object?> quantifiers, IFilterDefinition related, Scope scope)
    {
        var parts = new List<Expression>();
        foreach (var (quantifier, value) in quantifiers)
        {
            scope.Budget.Spend();
            if (value is null) continue;
            parts.Add(quantifier switch
            {
                "some" => Any(list, Predicate(value, related, scope)),
                "none" => Expression.Not(Any(list, Predicate(value, related, scope))),
                "all" => All(list, Predicate(value, related, scope)),
                "any" => value is true ? Any(list, null) : Expression.Not(Any(list, null)),
                _ => throw Invalid($"Unknown list filter '{quantifier}'."),
            });
        }
        return Balanced(parts, Expression.AndAlso, true);
    }

    private static LambdaExpression Predicate(object value, IFilterDefinition related, Scope scope)
    {
        var item = Expression.Parameter(related.EntityType, "y");
        return Expression.Lambda(Object((IDictionary<string, object?>)value, item, related, scope), item);
    }

    private static Expression Any(Expression list, LambdaExpression? predicate) => Quantifier(list, nameof(Enumerable.Any), predicate);

    private static Expression All(Expression list, LambdaExpression predicate) => Quantifier(list, nameof(Enumerable.All), predicate);

    /// <summary>Queryable's method for a subquery (a DbSet read), Enumerable's for a navigation collection.</summary>
    private static Expression Quantifier(Expression list, string method, LambdaExpression? predicate)
    {
        var queryable = list.Type.IsGenericType && typeof(IQueryable).IsAssignableFrom(list.Type);
        var item = (queryable ? list.Type.GetInterfaces().Append(list.Type).First(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IQueryable<>))
            : list.Type.GetInterfaces().Append(list.Type).First(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
            .GetGenericArguments()[0];
        var arguments = predicate is null ? new[] { list } : [list, queryable ? Expression.Quote(predicate) : predicate];
        return Expression.Call(queryable ? typeof(Queryable) : typeof(Enumerable), method, [item], arguments);
    }

    private static Expression Operations(Expression member, IDictionary<string, object?> operations, NodeBudget budget)
    {
        var parts = new List<Expression>();
        foreach (var (op, value) in operations)
        {
            budget.Spend();
            parts.Add(op switch
            {
                "eq" => Expression.Equal(member, Value(value, member.Type)),
                "neq" => Expression.NotEqual(member, Value(value, member.Type)),
                "in" => In(member, value, op),
                "nin" => Expression.Not(In(member, value, op)),
                "gt" => Expression.GreaterThan(member, Required(value, member.Type, op)),
                "gte" => Expression.GreaterThanOrEqual(member, Required(value, member.Type, op)),
                "lt" => Expression.LessThan(member, Required(value, member.Type, op)),
                "lte" => Expression.LessThanOrEqual(member, Required(value, member.Type, op)),
                "contains" => Text(member, nameof(string.Contains), value, op),
                "ncontains" => Expression.Not(Text(member, nameof(string.Contains), value, op)),
                "startsWith" => Text(member, nameof(string.StartsWith), value, op),
                "nstartsWith" => Expression.Not(Text(member, nameof(string.StartsWith), value, op)),
                "endsWith" => Text(member, nameof(string.EndsWith), value, op),
                "nendsWith" => Expression.Not(Text(member, nameof(string.EndsWith), value, op)),
                _ => throw Invalid($"Unknown filter operation '{op}'."),
            });
        }
        return Balanced(parts, Expression.AndAlso, true);
    }

    /// <summary>`member = ANY(@values)`: one typed list, one SQL array parameter, whatever its length.</summary>
    private static Expression In(Expression member, object? value, string op)
    {
        if (value is not IEnumerable items) throw Invalid($"'{op}' needs a list.");
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(member.Type))!;
        foreach (var item in items) list.Add(Convert(item ?? throw Invalid($"'{op}' lists may not hold null."), member.Type));
        var contains = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(member.Type);
        return Expression.Call(contains, Boxed(list, list.GetType()), member);
    }

    private static Expression Text(Expression member, string method, object? value, string op) =>
        Expression.Call(member, typeof(string).GetMethod(method, [typeof(string)])!, Required(value, typeof(string), op));

    private static Expression Required(object? value, Type type, string op) =>
        value is null ? throw Invalid($"'{op}' needs a value, not null.") : Value(value, type);

    private static Expression Value(object? value, Type type) => Boxed(value is null ? null : Convert(value, type), type);

    private static object Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value is IConvertible && value.GetType() != target && (target.IsPrimitive || target == typeof(decimal))
            ? System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture)
            : value;
    }

    private static Expression Boxed(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), nameof(Box<object>.Value));
    }

    private static IEnumerable<IDictionary<string, object?>> Items(object value) =>
        ((IEnumerable<object?>)value).OfType<IDictionary<string, object?>>();

    /// <summary>`a op b op c op d` as `(a op b) op (c op d)`: the same logic, depth log₂ n instead of n.</summary>
    private static Expression Balanced(IReadOnlyList<Expression> parts, Func<Expression, Expression, BinaryExpression> op, bool empty)
    {
        if (parts.Count == 0) return Expression.Constant(empty);
        var level = parts;
        while (level.Count > 1)
        {
            var next = new List<Expression>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2) next.Add(i + 1 < level.Count ? op(level[i], level[i + 1]) : level[i]);
            level = next;
        }
        return level[0];
    }

    private static ExecutionError Invalid(string message) => new(message) { Code = InvalidFilter };

    private sealed record Box<TValue>(TValue Value);

    private sealed record Scope(NodeBudget Budget, object? Db);

    private sealed class NodeBudget(int max)
    {
        private int _used;

        public void Spend()
        {
            if (++_used > max)
                throw new ExecutionError($"The filter has more than {max} objects and operations (GraphQL:MaxFilterNodes).")
                    { Code = FilterTooLarge };
        }
    }

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
