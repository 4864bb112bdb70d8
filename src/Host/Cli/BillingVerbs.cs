using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Infrastructure.Time;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Host.Cli;

/// <summary>`billing generate-invoices [--as-of YYYY-MM-DD]` and `billing enforce [--as-of YYYY-MM-DD]`.</summary>
internal static class BillingVerbs
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not ("generate-invoices" or "enforce"))
            return Usage(app, "expected generate-invoices or enforce");
        LocalDate? asOf = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] != "--as-of" || i + 1 >= args.Length) return Usage(app, $"unexpected '{args[i]}'");
            var parsed = LocalDatePattern.Iso.Parse(args[++i]);
            if (!parsed.Success) return Usage(app, $"'{args[i]}' is not a date as YYYY-MM-DD");
            asOf = parsed.Value;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<ProviderClock>();
        var date = asOf ?? clock.Today;
        if (args[0] == "generate-invoices")
        {
            var raised = await scope.ServiceProvider.GetRequiredService<InvoiceGenerator>().RunAsync(date, clock.Now, default);
            foreach (var i in raised)
                app.Logger.LogInformation("{Number}: client {Client}, {Start}..{End}, {Amount}, due {Due}",
                    i.Number, i.ClientId, i.StartDate, i.EndDate, i.TotalAmount, i.DueDate);
            app.Logger.LogInformation("{Count} invoice(s) raised as of {Date:yyyy-MM-dd}", raised.Count, date);
        }
        else
        {
            var result = await scope.ServiceProvider.GetRequiredService<Enforcer>().RunAsync(date, clock.Now, default);
            app.Logger.LogInformation(
                "Enforced as of {Date:yyyy-MM-dd}: {Overdue} invoice(s) overdue, {Isolated} client(s) isolated, {Restored} restored",
                date, result.InvoicesOverdue, result.ClientsIsolated, result.ClientsRestored);
        }
        return 0;
    }

    private static int Usage(WebApplication app, string problem)
    {
        app.Logger.LogError("billing: {Problem}. Usage: billing generate-invoices|enforce [--as-of YYYY-MM-DD]", problem);
        return 2;
    }
}
