using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Host.Cli;

/// <summary>Verbs on the same executable, for cron and systemd timers: `dotnet run --project src/Host -- migrate`.</summary>
internal static class Verbs
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> All = new()
    {
        ["migrate"] = MigrateAsync,
        ["billing"] = BillingVerbs.RunAsync,
        ["routers"] = RoutersVerb.RunAsync,
        ["payments"] = PaymentsVerb.RunAsync,
        ["backup"] = BackupVerb.RunAsync,
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && All.ContainsKey(args[0]);

    /// <summary>
    /// A first argument that is neither a verb nor an option (`backpu create`, a typo in a cron line) must not start
    /// the web service instead: it is refused with exit code 2 and the list of verbs.
    /// </summary>
    public static int? RefuseStrayArgument(string[] args)
    {
        if (args.Length == 0 || IsVerb(args) || args[0].StartsWith('-') || args[0].StartsWith('/')) return null;
        Console.Error.WriteLine($"Unknown verb '{args[0]}'. Verbs: {string.Join(", ", All.Keys)}; " +
            "without a verb the web service runs (options as --Key=value).");
        return 2;
    }

    public static Task<int> RunAsync(WebApplication app, string[] args) => All[args[0]](app, args[1..]);

    private static async Task<int> MigrateAsync(WebApplication app, string[] args)
    {
        await MigrationRunner.MigrateAsync(app.Services);
        app.Logger.LogInformation("Database migrated");
        return 0;
    }
}
