using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using MikroNet.Infrastructure.Persistence;
using Npgsql;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// The host of one test class: its own database cloned from the template, a fake clock, and helpers that
/// obtain real JWTs through the API.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-1";
    private const string SigningKey = "bWlrcm9uZXQtdGVzdHMtc2lnbmluZy1rZXktMzItYnl0ZXMtbG9uZy0xMjM0NTY3ODkw";

    private string? _adminToken;

    public IAlbaHost Host { get; private set; } = null!;
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 25, 3, 0));
    public string ConnectionString { get; private set; } = "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "mikronet-data-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Extra settings a test class needs (for example a low login rate limit).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        Host = await StartHostAsync();
    }

    /// <summary>
    /// Another host on the same database, configured like <see cref="Host"/> plus the given settings (several hosts
    /// of one deployment).
    /// </summary>
    public Task<IAlbaHost> StartHostAsync(params (string Key, string Value)[] overrides) =>
        AlbaHost.For<Program>(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:Postgres", ConnectionString);
            web.UseSetting("Auth:SigningKey", SigningKey);
            web.UseSetting("Auth:LoginPermitsPerMinute", "100000");
            web.UseSetting("Storage:DataDirectory", DataDirectory);
            // Tests call BillingService.RunDueAsync with the fake clock instead of waiting for its timer.
            web.UseSetting("Billing:Enabled", "false");
            // Routers in most tests are made up; ProvisioningFixture turns the outbox worker on against an emulator.
            web.UseSetting("Provisioning:WorkerEnabled", "false");
            foreach (var (key, value) in Settings()) web.UseSetting(key, value);
            foreach (var (key, value) in overrides) web.UseSetting(key, value);
            web.ConfigureServices(services =>
            {
                services.RemoveAll<IClock>();
                services.AddSingleton<IClock>(Clock);
                ConfigureServices(services);
            });
        });

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        // Idle pooled connections would otherwise stay open for minutes after the class ends, and with every test
        // class on one server they add up to max_connections (the host's pool uses the tuned connection string).
        foreach (var cs in new[] { ConnectionString, PostgresConnection.Tune(ConnectionString) })
        {
            await using var connection = new NpgsqlConnection(cs);
            NpgsqlConnection.ClearPool(connection);
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    public MikroNetDb Db() => Host.Services.CreateScope().ServiceProvider.GetRequiredService<MikroNetDb>();

    /// <summary>Registers the first user (the admin) once per class and logs in for a real token.</summary>
    public async Task<string> AdminTokenAsync()
    {
        if (_adminToken is not null) return _adminToken;
        await using var db = Db();
        if (!await db.Users.AnyAsync(u => u.Username == AdminUser))
            await PostAsync("/auth/register", new { username = AdminUser, password = AdminPassword });
        return _adminToken = await LoginAsync(AdminUser, AdminPassword);
    }

    public async Task<string> OperatorTokenAsync(string username)
    {
        await SendAsync(HttpMethod.Post, "/auth/register", new { username, password = "operator-pass-1", role = "operator" },
            await AdminTokenAsync());
        return await LoginAsync(username, "operator-pass-1");
    }

    public async Task<string> LoginAsync(string username, string password)
    {
        var response = await PostAsync("/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public Task<HttpResponseMessage> PostAsync(string url, object body, string? token = null) =>
        SendAsync(HttpMethod.Post, url, body, token);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, string? token)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Host.Server.CreateClient().SendAsync(request);
    }

    /// <summary>Sends as the admin and parses the JSON answer.</summary>
    public async Task<(int Status, JsonElement Body)> AdminAsync(HttpMethod method, string url, object? body = null)
    {
        var response = await SendAsync(method, url, body, await AdminTokenAsync());
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
