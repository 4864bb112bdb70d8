using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MikroNet.Infrastructure.Persistence;

namespace MikroNet.Host;

internal static class HostExtensions
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>
    /// On by default with the private PostgreSQL; with a configured server, `migrate` is explicit, and the readiness
    /// check runs once at start so that the log says at once when migrations are missing.
    /// </summary>
    public static async Task MigrateOnStartAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Database:MigrateOnStart")) await MigrationRunner.MigrateAsync(app.Services);
        else await app.Services.GetRequiredService<DatabaseReadiness>().CheckHealthAsync(new HealthCheckContext());
    }
}
