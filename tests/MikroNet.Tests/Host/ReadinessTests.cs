using System.Collections.Concurrent;
using System.Net;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>A configured server whose migrations have not been applied: live, but not ready.</summary>
public sealed class UnmigratedAppFixture : AppFixture
{
    public ConcurrentQueue<string> Log { get; } = new();

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new QueueLoggerProvider(Log));

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => log.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }
}

public sealed class ReadinessTests(UnmigratedAppFixture app) : IClassFixture<UnmigratedAppFixture>
{
    [Fact]
    public async Task Ready_PendingMigrations_Is503UntilMigrateRuns()
    {
        (await StatusOf("/health/ready")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await StatusOf("/health/ready")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await StatusOf("/health/live")).ShouldBe(HttpStatusCode.OK);
        app.Log.Count(line => line.Contains("`migrate`")).ShouldBe(1, string.Join("\n", app.Log));

        // What the `migrate` verb runs.
        await MigrationRunner.MigrateAsync(app.Host.Services);

        (await StatusOf("/health/ready")).ShouldBe(HttpStatusCode.OK);
        (await StatusOf("/health/live")).ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpStatusCode> StatusOf(string url) =>
        (HttpStatusCode)(await app.Api.Anonymous.SendAsync(HttpMethod.Get, url)).Status;
}

/// <summary>A configured server that does not answer: port 1 on loopback refuses at once.</summary>
public sealed class UnreachableAppFixture : AppFixture
{
    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult("Host=127.0.0.1;Port=1;Username=none;Timeout=2");
}

public sealed class UnreachableDatabaseTests(UnreachableAppFixture app) : IClassFixture<UnreachableAppFixture>
{
    [Fact]
    public async Task Ready_DatabaseDoesNotAnswer_Is503WhileLiveIs200()
    {
        (await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/health/ready")).Status.ShouldBe(503);
        (await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/health/live")).Status.ShouldBe(200);
    }
}
