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
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && All.ContainsKey(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => All[args[0]](app, args[1..]);

    private static async Task<int> MigrateAsync(WebApplication app, string[] args)
    {
        await MigrationRunner.MigrateAsync(app.Services);
        app.Logger.LogInformation("Database migrated");
        return 0;
    }
}
