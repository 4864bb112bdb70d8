using MikroNet.Features.Billing;
using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Infrastructure.Time;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Host.Cli;

/// <summary>`billing generate-invoices|enforce [--as-of YYYY-MM-DD] [--dry-run]`.</summary>
internal static class BillingVerbs
{
    private const string Usage = "Usage: billing generate-invoices|enforce [--as-of YYYY-MM-DD] [--dry-run]";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not ("generate-invoices" or "enforce"))
            return await RefuseAsync($"billing: expected generate-invoices or enforce. {Usage}");
        LocalDate? asOf = null;
        var dryRun = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--dry-run") { dryRun = true; continue; }
            if (args[i] != "--as-of" || i + 1 >= args.Length) return await RefuseAsync($"billing: unexpected '{args[i]}'. {Usage}");
            var parsed = LocalDatePattern.Iso.Parse(args[++i]);
            if (!parsed.Success) return await RefuseAsync($"billing: '{args[i]}' is not a date as YYYY-MM-DD. {Usage}");
            asOf = parsed.Value;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<ProviderClock>();
        var date = asOf ?? clock.Today;
        if (BillingDates.AsOfProblem(date, clock.Today, dryRun) is { } problem)
            return await RefuseAsync($"billing: {problem.Replace("dry_run=true", "--dry-run")}");
        var prefix = dryRun ? "Dry run, nothing written: " : "";
        if (args[0] == "generate-invoices")
        {
            var result = await scope.ServiceProvider.GetRequiredService<InvoiceGenerator>()
                .RunAsync(date, clock.Now, default, dryRun);
            foreach (var i in result.Raised)
                app.Logger.LogInformation("{Number}: client {Client}, {Start}..{End}, {Amount}, due {Due}",
                    i.Number, i.ClientId, i.StartDate, i.EndDate, i.TotalAmount, i.DueDate);
            foreach (var held in result.NeedsAttention)
                app.Logger.LogWarning("Client {Client} needs attention: {Reason}", held.ClientId, held.Reason);
            app.Logger.LogInformation("{Prefix}{Count} invoice(s) raised as of {Date:yyyy-MM-dd}, {Held} client(s) need attention",
                prefix, result.Raised.Count, date, result.NeedsAttention.Count);
        }
        else
        {
            var result = await scope.ServiceProvider.GetRequiredService<Enforcer>().RunAsync(date, clock.Now, default, dryRun);
            app.Logger.LogInformation(
                "{Prefix}Enforced as of {Date:yyyy-MM-dd}: {Overdue} invoice(s) overdue, {Isolated} client(s) isolated, {Restored} restored, {Cancelled} cancelled, {Switched} plan change(s) applied",
                prefix, date, result.InvoicesOverdue, result.ClientsIsolated, result.ClientsRestored,
                result.CancelledClientIds.Count, result.PlanSwitchedClientIds.Count);
            if (dryRun)
                app.Logger.LogInformation("Would isolate clients [{Isolated}] and restore [{Restored}]",
                    string.Join(", ", result.IsolatedClientIds), string.Join(", ", result.RestoredClientIds));
        }
        return 0;
    }

    /// <summary>One line on stderr and exit code 2, as for any bad argument.</summary>
    private static async Task<int> RefuseAsync(string line)
    {
        await Console.Error.WriteLineAsync(line);
        return 2;
    }
}
