using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Tests.Auth;
using MikroNet.Tests.Clients;
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
        var response = await app.SendAsync(HttpMethod.Get, url, null, await app.AdminTokenAsync());

        (await response.ShouldBeProblemAsync(404)).GetProperty("instance").GetString().ShouldBe(url);
    }

    [Fact]
    public async Task Patch_RouteWithoutIt_Returns405ProblemWithAllow()
    {
        var response = await app.SendAsync(HttpMethod.Patch, "/routers", new { }, await app.AdminTokenAsync());

        await response.ShouldBeProblemAsync(405);
        response.Content.Headers.Allow.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Post_TextBody_Returns415Problem()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/routers", new StringContent("name=x", Encoding.UTF8, "text/plain"),
            await app.AdminTokenAsync());

        await response.ShouldBeProblemAsync(415);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413ProblemAndWritesNothing()
    {
        var huge = new StringContent($$"""{"name":"{{new string('a', ErrorSurfaceFixture.MaxBodyBytes)}}"}""", Encoding.UTF8, "application/json");

        var response = await app.SendAsync(HttpMethod.Post, "/routers", huge, await app.AdminTokenAsync());

        await response.ShouldBeProblemAsync(413);
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
        var response = await app.SendAsync(HttpMethod.Post, "/routers", new StringContent(json, Encoding.UTF8, "application/json"),
            await app.AdminTokenAsync());

        (await response.ShouldBeProblemAsync(400)).ErrorNames().ShouldBe([field]);
    }

    [Fact]
    public async Task Post_DeepJson_Returns400()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 10_000)) + "1" + new string('}', 10_000);

        var response = await app.SendAsync(HttpMethod.Post, "/routers", new StringContent(deep, Encoding.UTF8, "application/json"),
            await app.AdminTokenAsync());

        await response.ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Put_NullBody_Returns400AndChangesNothing()
    {
        var router = await app.RouterAsync("null-body");
        await using var before = app.Db();
        var stamp = (await before.Routers.SingleAsync(r => r.Id == router)).UpdatedAt;

        var response = await app.SendAsync(HttpMethod.Put, $"/routers/{router}",
            new StringContent(" null ", Encoding.UTF8, "application/json"), await app.AdminTokenAsync());

        (await response.ShouldBeProblemAsync(400)).ErrorNames().ShouldBe(["body"]);
        await using var after = app.Db();
        (await after.Routers.SingleAsync(r => r.Id == router)).UpdatedAt.ShouldBe(stamp);
    }

    /// <summary>The router is made up, so reconcile answers 502 either way; what matters is that both answer alike.</summary>
    [Fact]
    public async Task BodilessRoutes_JsonContentTypeWithoutBody_AnswerAsWithoutIt()
    {
        var router = await app.RouterAsync("bodiless");
        var client = await app.RegisterClientAsync(router, "bodiless-1");
        string[] routes = [$"GET /routers/{router}", $"POST /client/{client}/disable", $"POST /client/{client}/enable",
            $"GET /client/{client}/details", "GET /client", $"POST /routers/{router}/reconcile?dry_run=true"];

        foreach (var route in routes)
        {
            var (method, url) = (new HttpMethod(route.Split(' ')[0]), route.Split(' ')[1]);
            var plain = await app.SendAsync(method, url, null, await app.AdminTokenAsync());
            var typed = await app.SendAsync(method, url, new ByteArrayContent([]) { Headers = { { "Content-Type", "application/json" } } },
                await app.AdminTokenAsync());
            typed.StatusCode.ShouldBe(plain.StatusCode, route);
            typed.StatusCode.ShouldNotBeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType], route);
        }
    }

    [Fact]
    public async Task Enforce_WithoutBody_AnswersLikeGenerate()
    {
        var token = await app.AdminTokenAsync();

        var generate = await app.SendAsync(HttpMethod.Post, "/invoices/generate", null, token);
        var enforce = await app.SendAsync(HttpMethod.Post, "/invoices/enforce", null, token);

        generate.StatusCode.ShouldBe(HttpStatusCode.OK);
        enforce.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401Problem()
    {
        var response = await app.SendAsync(HttpMethod.Get, "/routers", null, token: null);

        await response.ShouldBeProblemAsync(401);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Operator_OnAdminRoute_Returns403Problem()
    {
        var token = await app.OperatorTokenAsync("operator-403");

        var response = await app.SendAsync(HttpMethod.Post, "/routers", new { name = "x", host = "h", username = "u", password = "p" }, token);

        await response.ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task Post_DuplicateName_Returns409ProblemNamingTheField()
    {
        await app.RouterAsync("twice");

        var response = await app.SendAsync(HttpMethod.Post, "/routers",
            new { name = "twice", host = "127.0.0.1", username = "api", password = "router-pass" }, await app.AdminTokenAsync());

        (await response.ShouldBeProblemAsync(409)).ErrorNames().ShouldBe(["name"]);
    }

    [Fact]
    public async Task Register_UnknownRouter_Returns422ProblemNamingTheField()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/client/register", ClientApi.ValidClient(987654, "nowhere"),
            await app.AdminTokenAsync());

        (await response.ShouldBeProblemAsync(422)).ErrorNames().ShouldBe(["router_id"]);
    }

    [Fact]
    public async Task Register_MissingFields_Returns400ListingEachField()
    {
        var response = await app.SendAsync(HttpMethod.Post, "/client/register", new { }, await app.AdminTokenAsync());

        (await response.ShouldBeProblemAsync(400)).ErrorNames().ShouldContain("ppp_secret_name");
    }

    [Fact]
    public async Task UnhandledError_Returns500ProblemAndLogsItsTraceId()
    {
        var token = await app.AdminTokenAsync();
        app.Sql.FailNext = true;

        var response = await app.SendAsync(HttpMethod.Get, "/plans", null, token);

        var problem = await response.ShouldBeProblemAsync(500);
        var traceId = problem.GetProperty("trace_id").GetString()!;
        app.Log.Errors.ShouldContain(e => e.Contains(traceId));
        (await app.SendAsync(HttpMethod.Get, "/plans", null, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class RateLimitProblemTests(StrictLoginLimitFixture app) : IClassFixture<StrictLoginLimitFixture>
{
    [Fact]
    public async Task Login_BeyondPermits_Returns429Problem()
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++) last = await app.PostAsync("/auth/login", new { username = "guess", password = "guess-" + i });

        await last.ShouldBeProblemAsync(429);
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
