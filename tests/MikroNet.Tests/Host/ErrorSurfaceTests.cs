using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Tests.Auth;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// A host in the Development environment (where ASP.NET Core would show its developer exception page), with a small
/// body limit, SQL that can be made to fail, and its log captured.
/// </summary>
public sealed class ErrorSurfaceFixture : AppFixture
{
    public const int MaxBodyBytes = 64 * 1024;

    public FailingCommands Sql { get; } = new();
    public CapturedLog Log { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("environment", "Development"), new("Http:MaxRequestBodyBytes", MaxBodyBytes.ToString())];

    protected override void ConfigureServices(IServiceCollection services)
    {
        // This host fails SQL on purpose (a 500 no route plans); the OpenAPI coverage test must not count it.
        foreach (var recorder in services.Where(d => d.ImplementationType == typeof(ApiCoverage.Recorder)).ToList())
            services.Remove(recorder);
        services.ConfigureDbContext<MikroNetDb>(o => o.AddInterceptors(Sql));
        services.AddSingleton<ILoggerProvider>(Log);
    }
}

public sealed class ErrorSurfaceTests(ErrorSurfaceFixture app) : IClassFixture<ErrorSurfaceFixture>
{
    [Theory]
    [InlineData("/routers/999999")]
    [InlineData("/routers/abc")]
    [InlineData("/routers/99999999999")]
    [InlineData("/no/such/route")]
    public async Task Get_UnknownOrUnparsableAddress_Returns404Problem(string url)
    {
        var response = await app.Api.SendAsync(HttpMethod.Get, url);

        response.ShouldBeProblem(404);
        JsonDocument.Parse(response.Text).RootElement.GetProperty("instance").GetString().ShouldBe(url);
    }

    [Fact]
    public async Task Patch_RouteWithoutIt_Returns405ProblemWithAllow()
    {
        var response = await app.Api.SendAsync(HttpMethod.Patch, "/routers", new { });

        response.ShouldBeProblem(405);
        response.ContentHeaders.Allow.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Post_TextBody_Returns415Problem()
    {
        var response = await app.Api.SendAsync(HttpMethod.Post, "/routers", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        response.ShouldBeProblem(415);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413ProblemAndWritesNothing()
    {
        var huge = Json($$"""{"name":"{{new string('a', ErrorSurfaceFixture.MaxBodyBytes)}}"}""");

        var response = await app.Api.SendAsync(HttpMethod.Post, "/routers", huge);

        response.ShouldBeProblem(413);
        await using var db = app.Db();
        (await db.Routers.CountAsync(r => r.Name.StartsWith("aaaa"))).ShouldBe(0);
    }

    [Theory]
    [InlineData("[]", "body")]
    [InlineData("{x", "body")]
    [InlineData("\"text\"", "body")]
    [InlineData("""{"port":"abc"}""", "port")]
    [InlineData("""{"port":99999999999999}""", "port")]
    [InlineData("""{"name":"\u0000core"}""", "name")]
    [InlineData("""{"name":"core\u001b[31m"}""", "name")]
    public async Task Post_UnreadableBody_Returns400NamingTheFieldWithoutTypeNames(string json, string field)
    {
        var response = await app.Api.SendAsync(HttpMethod.Post, "/routers", Json(json));

        response.ShouldBeProblem(400).ShouldBe([field]);
    }

    [Fact]
    public async Task Post_DeepJson_Returns400()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 10_000)) + "1" + new string('}', 10_000);

        var response = await app.Api.SendAsync(HttpMethod.Post, "/routers", Json(deep));

        response.ShouldBeProblem(400);
    }

    [Fact]
    public async Task Put_NullBody_Returns400AndChangesNothing()
    {
        var router = await app.Api.AddRouterAsync();
        await using var before = app.Db();
        var stamp = (await before.Routers.SingleAsync(r => r.Id == router)).UpdatedAt;

        var response = await app.Api.SendAsync(HttpMethod.Put, $"/routers/{router}", Json(" null "));

        response.ShouldBeProblem(400).ShouldBe(["body"]);
        await using var after = app.Db();
        (await after.Routers.SingleAsync(r => r.Id == router)).UpdatedAt.ShouldBe(stamp);
    }

    /// <summary>The router is made up, so reconcile answers 502 either way; what matters is that both answer alike.</summary>
    [Fact]
    public async Task BodilessRoutes_JsonContentTypeWithoutBody_AnswerAsWithoutIt()
    {
        var router = await app.Api.AddRouterAsync();
        var client = await app.Api.AddClientAsync(router);
        string[] routes = [$"GET /routers/{router}", $"POST /client/{client}/disable", $"POST /client/{client}/enable",
            $"GET /client/{client}/details", "GET /client", $"POST /routers/{router}/reconcile?dry_run=true"];

        foreach (var route in routes)
        {
            var (method, url) = (new HttpMethod(route.Split(' ')[0]), route.Split(' ')[1]);
            var plain = await app.Api.SendAsync(method, url);
            var typed = await app.Api.SendAsync(method, url, new ByteArrayContent([]) { Headers = { { "Content-Type", "application/json" } } });
            typed.Status.ShouldBe(plain.Status, route);
            typed.Status.ShouldNotBeOneOf([400, 415], route);
        }
    }

    [Fact]
    public async Task Enforce_WithoutBody_AnswersLikeGenerate()
    {
        var generate = await app.Api.SendAsync(HttpMethod.Post, "/invoices/generate");
        var enforce = await app.Api.SendAsync(HttpMethod.Post, "/invoices/enforce");

        generate.Status.ShouldBe(200, generate.Text);
        enforce.Status.ShouldBe(200, enforce.Text);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401Problem()
    {
        var response = await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/routers");

        response.ShouldBeProblem(401);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Operator_OnAdminRoute_Returns403Problem()
    {
        var token = await app.Api.OperatorTokenAsync(Api.Unique("op"));

        var response = await app.Api.As(token).SendAsync(HttpMethod.Post, "/routers", Api.NewRouter(Api.Unique("r")));

        response.ShouldBeProblem(403);
    }

    [Fact]
    public async Task Post_DuplicateName_Returns409ProblemNamingTheField()
    {
        var name = Api.Unique("twice");
        await app.Api.AddRouterAsync(name);

        var response = await app.Api.RegisterRouterAsync(Api.NewRouter(name));

        response.ShouldBeProblem(409).ShouldBe(["name"]);
    }

    [Fact]
    public async Task Register_UnknownRouter_Returns422ProblemNamingTheField()
    {
        var response = await app.Api.RegisterClientAsync(Api.NewClient(987654, Api.Unique("c")));

        response.ShouldBeProblem(422).ShouldBe(["router_id"]);
    }

    [Fact]
    public async Task Register_MissingFields_Returns400ListingEachField()
    {
        var response = await app.Api.SendAsync(HttpMethod.Post, "/client/register", new { });

        response.ShouldBeProblem(400).ShouldContain("ppp_secret_name");
    }

    [Fact]
    public async Task UnhandledError_Returns500ProblemAndLogsItsTraceId()
    {
        await app.Api.AdminTokenAsync();
        app.Sql.FailNext = true;

        var response = await app.Api.SendAsync(HttpMethod.Get, "/plans");

        response.ShouldBeProblem(500);
        var traceId = JsonDocument.Parse(response.Text).RootElement.GetProperty("trace_id").GetString()!;
        app.Log.Errors.ShouldContain(e => e.Contains(traceId));
        (await app.Api.SendAsync(HttpMethod.Get, "/plans")).Status.ShouldBe(200);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class RateLimitProblemTests(StrictLoginLimitFixture app) : IClassFixture<StrictLoginLimitFixture>
{
    [Fact]
    public async Task Login_BeyondPermits_Returns429Problem()
    {
        ApiResponse last = null!;
        for (var i = 0; i < 4; i++) last = await app.Api.Anonymous.LoginAsync("guess", "guess-" + i);

        last.ShouldBeProblem(429);
    }
}

/// <summary>Throws from the next SQL command, with text that must never reach the caller.</summary>
public sealed class FailingCommands : DbCommandInterceptor
{
    public bool FailNext { get; set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!FailNext) return ValueTask.FromResult(result);
        FailNext = false;
        throw new InvalidOperationException("Simulated failure at MikroNet.Secret: Npgsql SELECT * FROM users; Authorization: Bearer x");
    }
}

/// <summary>Error-level log lines (message and exception) of the host.</summary>
public sealed class CapturedLog : ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Errors.Enqueue(formatter(state, exception) + " " + exception?.Message);
    }

    public void Dispose() { }
}
