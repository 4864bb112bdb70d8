using System.Globalization;
using System.Text.RegularExpressions;

namespace MikroNet.RestBench;

/// <summary>
/// How much the host's lanes put together during a load: the growth of a size histogram on /metrics (sum over count),
/// which a caller on the same machine may read without a token. `mikronet_db_read_batch_size`: reads per round trip;
/// `mikronet_db_shared_transaction_size`: payments per shared transaction.
/// </summary>
internal static partial class BatchSizes
{
    public const string Reads = "mikronet_db_read_batch_size";
    public const string Payments = "mikronet_db_shared_transaction_size";

    /// <summary>Each histogram's sum and count, by name.</summary>
    public static async Task<Dictionary<string, (double Sum, double Count)>> ReadAsync(string hostUrl)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(hostUrl + "/metrics");
        return new[] { Reads, Payments }.ToDictionary(name => name,
            name => (Sample(text, name + "_sum"), Sample(text, name + "_count")));
    }

    /// <summary>The mean size between two readings, or null when nothing went through the lanes.</summary>
    public static double? Mean(Dictionary<string, (double Sum, double Count)> before,
        Dictionary<string, (double Sum, double Count)> after, string name) =>
        after[name].Count > before[name].Count
            ? (after[name].Sum - before[name].Sum) / (after[name].Count - before[name].Count)
            : null;

    private static double Sample(string text, string name) =>
        Line().Matches(text).Where(m => m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>\S+)")]
    private static partial Regex Line();
}
