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
var builder = WebApplication.CreateBuilder(args);
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

var app = builder.Build();

if (Verbs.IsVerb(args)) return await Verbs.RunAsync(app, args);

await app.MigrateOnStartAsync();
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

await app.RunAsync();
return 0;

public partial class Program;
