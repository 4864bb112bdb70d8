using System.Linq.Expressions;
using GraphQL;

namespace MikroNet.Features.Graph.Filtering;

/// <summary>
/// Turns a parsed `where` argument into an expression tree that EF Core translates to SQL. Values become
/// parameters (members of a closure-like box), never SQL literals, so plans are reused and nothing is spliced.
/// </summary>
public static class WhereTranslator
{
    public static IQueryable<T> ApplyWhere<T>(this IQueryable<T> source, object? where, FilterDefinition<T> definition)
    {
        if (where is not IDictionary<string, object?> filter) return source;
        var parameter = Expression.Parameter(typeof(T), "x");
        return source.Where(Expression.Lambda<Func<T, bool>>(Object(filter, parameter, definition), parameter));
    }

    private static Expression Object<T>(IDictionary<string, object?> filter, ParameterExpression x, FilterDefinition<T> definition)
    {
        var parts = new List<Expression>();
        foreach (var (name, value) in filter)
        {
            if (value is null) continue;
            switch (name)
            {
                case "and":
                    parts.Add(Combine(Items(value).Select(f => Object(f, x, definition)), Expression.AndAlso, true));
                    break;
                case "or":
                    parts.Add(Combine(Items(value).Select(f => Object(f, x, definition)), Expression.OrElse, false));
                    break;
                default:
                    var field = definition.Find(name) ?? throw new ExecutionError($"Unknown filter field '{name}'.");
                    var member = new Rebind(field.Selector.Parameters[0], x).Visit(field.Selector.Body);
                    parts.Add(Operations(member, (IDictionary<string, object?>)value));
                    break;
            }
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static Expression Operations(Expression member, IDictionary<string, object?> operations)
    {
        var parts = new List<Expression>();
        foreach (var (op, value) in operations)
        {
            parts.Add(op switch
            {
                "eq" => Expression.Equal(member, Value(value, member.Type)),
                "neq" => Expression.NotEqual(member, Value(value, member.Type)),
                "in" => In(member, value),
                "nin" => Expression.Not(In(member, value)),
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
                _ => throw new ExecutionError($"Unknown filter operation '{op}'."),
            });
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static Expression In(Expression member, object? value) =>
        value is null
            ? throw new ExecutionError("'in' and 'nin' need a list.")
            : Combine(((IEnumerable<object?>)value).Select(v => Expression.Equal(member, Value(v, member.Type))),
                Expression.OrElse, false);

    private static Expression Text(Expression member, string method, object? value, string op) =>
        Expression.Call(member, typeof(string).GetMethod(method, [typeof(string)])!, Required(value, typeof(string), op));

    private static Expression Required(object? value, Type type, string op) =>
        value is null ? throw new ExecutionError($"'{op}' needs a value, not null.") : Value(value, type);

    private static Expression Value(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is IConvertible && value.GetType() != target && (target.IsPrimitive || target == typeof(decimal)))
            value = Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), nameof(Box<object>.Value));
    }

    private static IEnumerable<IDictionary<string, object?>> Items(object value) =>
        ((IEnumerable<object?>)value).OfType<IDictionary<string, object?>>();

    private static Expression Combine(IEnumerable<Expression> parts, Func<Expression, Expression, BinaryExpression> op, bool empty) =>
        parts.Aggregate((Expression?)null, (acc, e) => acc is null ? e : op(acc, e)) ?? Expression.Constant(empty);

    private sealed record Box<TValue>(TValue Value);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
