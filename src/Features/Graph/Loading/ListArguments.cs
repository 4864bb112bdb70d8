using System.Collections;
using System.Globalization;
using System.Text;
using GraphQL;
using MikroNet.Features.Graph.Paging;

namespace MikroNet.Features.Graph.Loading;

/// <summary>
/// The `where`, `order` and paging arguments of a nested list field, and a canonical text of them. Every parent at
/// one level usually passes the same arguments, so they share one batch loader (one SQL statement); aliases with
/// other arguments (`open: invoices(where: …) paid: invoices(where: …)`) get a loader each.
/// </summary>
public sealed record ListArguments(object? Where, object? Order, PageRequest Page, string Key)
{
    /// <summary>A list field selected without arguments (the loaders <see cref="ClientTrees"/> primes).</summary>
    public static readonly ListArguments None = Of(null, null, new PageRequest(null, null, null, null));

    public static ListArguments From(IResolveFieldContext context)
    {
        var page = context.FieldDefinition.Arguments?.Find("first") is null ? None.Page : PageRequest.From(context);
        return Of(context.GetArgument<object?>("where"), context.GetArgument<object?>("order"), page);
    }

    private static ListArguments Of(object? where, object? order, PageRequest page)
    {
        var key = new StringBuilder();
        Append(key, where);
        key.Append('|');
        Append(key, order);
        key.Append('|').Append(page.First).Append(',').Append(page.After).Append(',').Append(page.Last).Append(',').Append(page.Before);
        return new ListArguments(where, order, page, key.ToString());
    }

    private static void Append(StringBuilder key, object? value)
    {
        switch (value)
        {
            case null:
                key.Append('~');
                break;
            case IDictionary<string, object?> fields:
                key.Append('{');
                foreach (var (name, field) in fields)
                {
                    key.Append(name).Append(':');
                    Append(key, field);
                    key.Append(',');
                }
                key.Append('}');
                break;
            case string text:
                key.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case IEnumerable items:
                key.Append('[');
                foreach (var item in items)
                {
                    Append(key, item);
                    key.Append(',');
                }
                key.Append(']');
                break;
            default:
                key.Append(value.GetType().Name).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
