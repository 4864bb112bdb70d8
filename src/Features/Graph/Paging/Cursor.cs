using System.Text;
using GraphQL;

namespace MikroNet.Features.Graph.Paging;

/// <summary>
/// Offset cursors as HotChocolate gives for sorted queryables: the base64 of the row's position in the ordered,
/// filtered set. Opaque to clients; stable as long as the `where` and `order` are the same.
/// </summary>
public static class Cursor
{
    public static string Encode(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static int Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                && index < int.MaxValue / 2)
                return index;
        }
        catch (FormatException)
        {
        }
        throw new ExecutionError($"The cursor '{cursor}' is not valid.") { Code = "INVALID_CURSOR" };
    }
}
