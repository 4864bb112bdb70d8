using System.Globalization;
using System.Text;

namespace MikroNet.RouterOsEmulator.Menus;

internal static class Uptime
{
    /// <summary>RouterOS v7 style, e.g. <c>1w2d3h4m5s</c>, leaving out zero parts.</summary>
    public static string Format(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, span.TotalSeconds);
        var builder = new StringBuilder();
        foreach (var (unit, size) in new[] { ("w", 604800L), ("d", 86400L), ("h", 3600L), ("m", 60L), ("s", 1L) })
        {
            var count = seconds / size;
            seconds %= size;
            if (count > 0 || (unit == "s" && builder.Length == 0))
            {
                builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }

        return builder.ToString();
    }
}
