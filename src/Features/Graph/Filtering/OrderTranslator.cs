using System.Linq.Expressions;
using GraphQL;

namespace MikroNet.Features.Graph.Filtering;

public static class OrderTranslator
{
    /// <summary>
    /// Applies `order` in list order, then the key, so that pages are stable and offset cursors stay meaningful.
    /// Without an `order`, <paramref name="byDefault"/> (a field of the definition) ascending comes before the key.
    /// <paramref name="reverse"/> flips every direction (to read the end of a list first).
    /// </summary>
    public static IQueryable<T> ApplyOrder<T, TKey>(this IQueryable<T> source, object? order, FilterDefinition<T> definition,
        Expression<Func<T, TKey>> key, string? byDefault = null, bool reverse = false)
    {
        var ordered = false;
        var expression = source.Expression;
        foreach (var item in order as IEnumerable<object?> ?? [])
        {
            if (item is not IDictionary<string, object?> fields) continue;
            foreach (var (name, value) in fields)
            {
                if (value is not SortDirection direction) continue;
                var field = definition.Find(name) is { Sortable: true } f ? f : throw new ExecutionError($"Cannot sort by '{name}'.") { Code = "INVALID_ORDER" };
                expression = Call(expression, field.Selector, ordered, (direction == SortDirection.Desc) != reverse);
                ordered = true;
            }
        }
        if (!ordered && byDefault is not null)
        {
            expression = Call(expression, definition.Find(byDefault)!.Selector, then: false, descending: reverse);
            ordered = true;
        }
        expression = Call(expression, key, ordered, descending: reverse);
        return source.Provider.CreateQuery<T>(expression);
    }

    private static MethodCallExpression Call(Expression source, LambdaExpression selector, bool then, bool descending)
    {
        var method = (then, descending) switch
        {
            (false, false) => nameof(Queryable.OrderBy),
            (false, true) => nameof(Queryable.OrderByDescending),
            (true, false) => nameof(Queryable.ThenBy),
            (true, true) => nameof(Queryable.ThenByDescending),
        };
        return Expression.Call(typeof(Queryable), method, [selector.Parameters[0].Type, selector.ReturnType],
            source, Expression.Quote(selector));
    }
}
