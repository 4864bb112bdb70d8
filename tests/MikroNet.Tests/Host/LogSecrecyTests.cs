using System.Collections.Concurrent;
using System.Text.Json;
using MikroNet.Tests.Driver;
using MikroNet.Tests.Fixtures;
using MikroNet.Tests.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>
/// Every log line of a host at Trace level, scopes and exceptions included, while the secret-bearing routes are used
/// and every operation of the OpenAPI document is called with secrets in its body: none of them reaches a line.
/// </summary>
public sealed class LogSecrecyTests(LogSecrecyTests.Fixture app) : IClassFixture<LogSecrecyTests.Fixture>
{
    private const string UserPassword = "Upw-7c1e5f0a9b2d";
    private const string NewPassword = "Npw-2a9d7b3c4e1f";
    private const string RouterPassword = "Rpw-5e8b1d0c7a3f";
    private const string PppPassword = "Ppw-9f4a2c6e8d0b";
    private const string MetricsToken = "Mtk-3b7d9e1f5a2c";

    [Fact]
    public async Task Logs_AfterEveryRouteWithSecrets_HoldNoPasswordTokenOrKey()
    {
        await app.Api.AdminTokenAsync();
        var name = Api.Unique("sec");
        var userId = await app.Api.AddUserAsync(name, UserPassword, "operator");
        var token = await app.Api.TokenAsync(name, UserPassword);
        var me = app.Api.As(token);
        (await me.ChangePasswordAsync(UserPassword, NewPassword)).Expect(200);
        (await me.ChangePasswordAsync("wrong-" + UserPassword, NewPassword)).Status.ShouldBe(400);
        (await app.Api.Anonymous.LoginAsync(name, "bad-" + UserPassword)).Status.ShouldBe(401);
        (await app.Api.SetPasswordAsync(userId, UserPassword)).Expect(200);
        var router = await app.Api.AddRouterAsync();
        (await app.Api.UpdateRouterAsync(router, new() { Password = RouterPassword })).Expect(200);
        (await app.Api.CheckRouterAsync(router)).Expect(200);
        var client = await app.Api.AddClientAsync(router, password: PppPassword);
        (await app.Api.UpdateClientAsync(client, new() { PppPassword = PppPassword + "x" })).Expect(200);
        var plan = await app.Api.AddPlanAsync();
        var withInvoice = await app.Api.AddClientAsync(router, planId: plan);
        var invoice = (await app.Api.InvoicesAsync(withInvoice)).Single();
        (await app.Api.SendAsync(HttpMethod.Post, $"/invoices/{invoice.InvoiceId}/payment-link", new { gateway = "xendit" }))
            .Status.ShouldBe(201);
        await app.Api.Anonymous.SendAsync<JsonElement>(HttpMethod.Post, "/payments/webhooks/xendit", new { id = "x" },
            [("x-callback-token", FakeGateways.CallbackToken)]);
        await app.Api.Anonymous.SendAsync<JsonElement>(HttpMethod.Post, "/payments/webhooks/xendit", new { id = "x" },
            [("x-callback-token", "not-" + FakeGateways.CallbackToken)]);
        await app.Api.Anonymous.SendAsync<JsonElement>(HttpMethod.Get, "/metrics", null, [("Authorization", "Bearer " + MetricsToken)]);
        await me.GraphAsync("{ me { username } }");
        await me.GraphAsync("{ nonsense(password: \"" + UserPassword + "\") }");
        await WalkEveryOperationAsync(me);
        await me.LogoutAsync();
        await me.ListClientsAsync();

        var secrets = new[]
        {
            UserPassword, NewPassword, RouterPassword, PppPassword, MetricsToken, token, token.Split('.')[2], Fixture.SigningKey,
            FakeGateways.ServerKey, FakeGateways.XenditSecret, FakeGateways.CallbackToken,
        };
        app.Lines.Count.ShouldBeGreaterThan(100, "the host logged at Trace level");
        var leaks = app.Lines.SelectMany(line => secrets.Where(line.Contains).Select(s => $"{s[..6]}… in: {line}")).ToList();
        leaks.ShouldBeEmpty();
    }

    /// <summary>Every operation, with every secret in the fields that usually carry one and in the query string.</summary>
    private async Task WalkEveryOperationAsync(Api caller)
    {
        var document = JsonDocument.Parse((await app.Api.Anonymous.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json")).Text);
        var body = new
        {
            password = UserPassword, current_password = UserPassword, new_password = NewPassword, ppp_password = PppPassword,
            username = "walker", name = RouterPassword, token = MetricsToken,
        };
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var url = System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{[^}]+\}", "1");
            var method = new HttpMethod(operation.Name.ToUpperInvariant());
            if (path.Name == "/auth/logout") continue;
            await caller.SendAsync(method, url, method == HttpMethod.Get || method == HttpMethod.Delete ? null : body);
        }
    }

    public sealed class Fixture : AppFixture
    {
        public const string SigningKey = "bWlrcm9uZXQtdGVzdHMtc2lnbmluZy1rZXktMzItYnl0ZXMtbG9uZy0xMjM0NTY3ODkw";
        private readonly FakeGateways _gateways = new();

        public ConcurrentQueue<string> Lines { get; } = new();

        public override async Task InitializeAsync()
        {
            await _gateways.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await _gateways.DisposeAsync();
        }

        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("Payments:Midtrans:ServerKey", FakeGateways.ServerKey),
            new("Payments:Midtrans:SnapBaseUrl", _gateways.BaseUrl),
            new("Payments:Midtrans:ApiBaseUrl", _gateways.BaseUrl),
            new("Payments:Xendit:SecretKey", FakeGateways.XenditSecret),
            new("Payments:Xendit:CallbackToken", FakeGateways.CallbackToken),
            new("Payments:Xendit:BaseUrl", _gateways.BaseUrl),
            new("Payments:ReconcileEnabled", "false"),
            new("Metrics:Token", MetricsToken),
            new("Logging:LogLevel:Default", "Trace"),
            new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace"),
            new("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks", "Trace"),
            new("Provisioning:ConnectTimeout", "00:00:00.200"),
        ];

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ILoggerProvider>(new CapturingProvider(Lines));
    }

    /// <summary>Writes what any sink would: the message, every structured value, every scope, the exception.</summary>
    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(string category, CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (key, value) in values) line.Append($" {key}={value}");
                owner._scopes.ForEachScope((scope, b) => b.Append(" scope=").Append(scope is IEnumerable<KeyValuePair<string, object?>> kv
                    ? string.Join(",", kv.Select(p => $"{p.Key}={p.Value}")) : scope), line);
                owner.Lines().Enqueue(line.ToString());
            }
        }

        private ConcurrentQueue<string> Lines() => lines;
    }
}
