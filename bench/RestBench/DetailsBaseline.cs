using MikroNet.Features.Clients.ClientDetails;

namespace MikroNet.RestBench;

/// <summary>
/// The database-alone script for details is the very statement the host runs (Sql.Details, which builds the whole
/// answer), so the ratio measures what the host adds around it: written into the scripts folder at start.
/// </summary>
internal static class DetailsBaseline
{
    public static void Write() => File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "scripts", "details.sql"),
        "-- Generated from MikroNet.Features.Clients.ClientDetails.Sql.Details: the host's own statement.\n"
        + "\\set id random(1, :clients)\n" + Sql.Details.Replace("$1", ":id", StringComparison.Ordinal) + ";\n");
}
