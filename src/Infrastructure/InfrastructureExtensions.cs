using MikroNet.Infrastructure.LocalPostgres;
using MikroNet.Infrastructure.Memory;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Notifications;
using MikroNet.Infrastructure.Security;
using MikroNet.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace MikroNet.Infrastructure;

public static class InfrastructureExtensions
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// Starts a private PostgreSQL cluster when no connection string is configured and points
    /// ConnectionStrings:Postgres at it. Returns null when an existing server is configured.
    /// </summary>
    public static async Task<LocalPostgresServer?> StartLocalPostgresWhenUnconfiguredAsync(
        this IHostApplicationBuilder builder, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName))) return null;

        var options = builder.Configuration.GetSection(LocalPostgresOptions.Section).Get<LocalPostgresOptions>() ?? new();
        var folder = DataPaths.Resolve(options.DataDirectory);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        options.PasswordFile = string.IsNullOrWhiteSpace(options.PasswordFile)
            ? Path.Combine(DataPaths.Resolve(storage.DataDirectory), "postgres.password")
            : DataPaths.Resolve(options.PasswordFile);
        var server = await LocalPostgresServer.StartAsync(options, folder, logger);
        await server.EnsureDatabaseAsync(options.Database);
        builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = server.ConnectionString(options.Database);
        builder.Configuration["Database:MigrateOnStart"] ??= "true";
        return server;
    }

    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");

        services.AddSingleton<IClock>(SystemClock.Instance);

        connectionString = PostgresConnection.Tune(connectionString);
        services.AddHttpContextAccessor();
        // Pooled: a request rents a context whose options and internal services were built once, instead of building
        // both for every request (a quarter of a small request's host CPU, docs/performance.md).
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).UseNodaTime().Build());
        // The statements that write whole answers without EF Core (details, GraphQL's SQL answers) wait for each other
        // and go in one round trip (ReadBatches); payments waiting at the same moment are locked, written and committed
        // together (SharedTransactions). Their lanes have connections of their own (PostgresConnection.ForLanes).
        var lanes = Math.Max(2, Environment.ProcessorCount);
        services.AddKeyedSingleton(LaneConnections, (_, _) => new NpgsqlDataSourceBuilder(
            PostgresConnection.ForLanes(connectionString, 2 * lanes)).UseNodaTime().Build());
        services.AddSingleton(sp => new ReadBatches(sp.GetRequiredKeyedService<NpgsqlDataSource>(LaneConnections),
            lanes, sp.GetService<Telemetry.MikroNetMetrics>()));
        services.AddSingleton(sp => new SharedTransactions(sp.GetRequiredKeyedService<NpgsqlDataSource>(LaneConnections),
            lanes, sp.GetService<Telemetry.MikroNetMetrics>()));
        services.AddDbContextPool<MikroNetDb>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNodaTime())
            .AddInterceptors(new OneConnectionPerScope(), new AuditAddress(sp.GetRequiredService<IHttpContextAccessor>()))
            .UseSnakeCaseNamingConvention()
            // Soft-deleted clients are hidden on purpose; their subscriptions are only reached through them.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)));

        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        var dataDirectory = DataPaths.Resolve(storage.DataDirectory);
        services.AddKeyFolder(builder.Logging, Path.Combine(dataDirectory, "keys"));
        services.AddSingleton<SecretProtector>();

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => SigningKey.Load(
            sp.GetRequiredService<IOptions<AuthOptions>>().Value, builder.Environment, dataDirectory));
        services.AddScoped<TokenService>();
        services.AddScoped<TokenRevocation>();
        services.AddSingleton<RevokedTokens>();
        services.AddSingleton<IDatabaseListener>(sp => sp.GetRequiredService<RevokedTokens>());
        services.AddHostedService(sp => new DatabaseNotifications(connectionString,
            sp.GetServices<IDatabaseListener>(), sp.GetRequiredService<ILogger<DatabaseNotifications>>()));
        services.AddSingleton<ValidatedTokens>();
        // One handler per request (it holds the request); registered so that it is not built by reflection each time.
        services.AddTransient<BearerHandler>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = BearerHandler.Scheme;
            o.AddScheme<BearerHandler>(BearerHandler.Scheme, displayName: null);
        });
        services.AddAuthorization();

        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<NativeHeapTrimmer>();

        services.AddSingleton<DatabaseReadiness>();
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>The lanes' own connections, one per lane of both kinds (PostgresConnection.ForLanes).</summary>
    private const string LaneConnections = "lanes";
}
