using System.Globalization;
using System.Text.RegularExpressions;

namespace MikroNet.RestBench;

/// <summary>
/// How many reads the host sent per round trip during a load: the growth of its `mikronet_db_read_batch_size`
/// histogram (sum over count) on /metrics, which a caller on the same machine may read without a token.
/// </summary>
internal static partial class ReadBatchSizes
{
    public static async Task<(double Sum, double Count)> ReadAsync(string hostUrl)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(hostUrl + "/metrics");
        return (Sample(text, "mikronet_db_read_batch_size_sum"), Sample(text, "mikronet_db_read_batch_size_count"));
    }

    /// <summary>Reads per round trip between two readings, or null when no read went through the lanes.</summary>
    public static double? PerRoundTrip((double Sum, double Count) before, (double Sum, double Count) after) =>
        after.Count > before.Count ? (after.Sum - before.Sum) / (after.Count - before.Count) : null;

    private static double Sample(string text, string name) =>
        Line().Matches(text).Where(m => m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>\S+)")]
    private static partial Regex Line();
}
