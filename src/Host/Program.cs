using MikroNet.Features;
using MikroNet.Features.Common;
using MikroNet.Features.Dashboard;
using MikroNet.Features.Graph;
using MikroNet.Host;
using MikroNet.Host.ApiDocs;
using MikroNet.Host.Cli;
using MikroNet.Infrastructure;
using MikroNet.Infrastructure.Security;

if (Verbs.RefuseStrayArgument(args) is { } refused) return refused;
// The slim builder leaves out IIS integration and HTTP/3 (QUIC), which this host never uses and whose code took ~3 MiB
// of memory at start; HTTPS endpoints from configuration still work (docs/performance.md).
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();
if (!Verbs.IsVerb(args) && (SigningKey.ConfigurationProblem(builder.Configuration["Auth:SigningKey"], builder.Environment)
        ?? PortCheck.FirstPortInUse(builder.Configuration)) is { } cannotServe)
{
    Console.Error.WriteLine(cannotServe);
    return 1;
}

// A private PostgreSQL when no connection string is configured; stopped when the host stops.
await using var localPostgres = await builder.StartLocalPostgresWhenUnconfiguredAsync(BootLog.Create());

builder.AddInfrastructure();
builder.AddFeatures();
builder.AddGraph();
builder.AddCrossOrigin();
builder.AddApiDocs();
builder.AddTelemetry();
builder.AddLogFormat();
builder.AddProxyHeaders();

var app = builder.Build();

if (Verbs.IsVerb(args)) return await Verbs.RunAsync(app, args);

await app.MigrateOnStartAsync();
app.UseProxyHeaders();
app.UseCrossOrigin();
app.UseProblemResponses();
app.UseRequestBodyRules();
app.UseRouting();
app.UseDatabaseErrorMapping();
app.UseAuthentication();
app.UseAuthorization();
app.UseFeatures();
app.MapGraph();
app.MapDashboard();
app.UseApiDocs();
app.MapHealthEndpoints();
app.MapMetrics();

await app.RunAsync();
return 0;

public partial class Program;
