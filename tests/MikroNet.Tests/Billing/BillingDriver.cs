using System.Net.Http.Json;
using System.Text.Json;
using MikroNet.Features.Billing.DailyRun;
using MikroNet.Features.Billing.Enforce;
using MikroNet.Features.Billing.GenerateInvoices;
using MikroNet.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Shouldly;

namespace MikroNet.Tests.Billing;

/// <summary>The steps billing tests repeat: a router, a plan, a client on it, generation, payments.</summary>
public sealed class BillingDriver(AppFixture app)
{
    private int _serial;

    public async Task<int> RouterAsync()
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/routers", new
        {
            name = $"r{Interlocked.Increment(ref _serial)}-{Guid.NewGuid():N}"[..20], host = "127.0.0.1", port = 18728,
            username = "admin", password = "router-pass",
        });
        status.ShouldBe(201, body.ToString());
        return body.GetProperty("data").GetProperty("router_id").GetInt32();
    }

    public async Task<int> PlanAsync(decimal price = 150_000m, int months = 1)
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/plans", new
        {
            name = $"Plan {Guid.NewGuid():N}"[..20], price, period_months = months, ppp_profile = "home-10M",
            rate_limit = "10M/10M",
        });
        status.ShouldBe(201, body.ToString());
        return body.GetProperty("data").GetProperty("plan_id").GetInt32();
    }

    public async Task<int> ClientAsync(int routerId, int planId, LocalDate start)
    {
        var n = Interlocked.Increment(ref _serial);
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/client/register", new
        {
            name = $"Client {n}", phone_number = "081234567890", address = "Jl. Merdeka 1",
            ppp_secret_name = $"c{n}-{Guid.NewGuid():N}"[..20], ppp_password = "secret-pass", router_id = routerId,
            plan_id = planId, start_date = start.ToString("yyyy-MM-dd", null),
        });
        status.ShouldBe(201, body.ToString());
        return body.GetProperty("data").GetProperty("client_id").GetInt32();
    }

    public async Task<JsonElement> DetailsAsync(int clientId)
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Get, $"/client/{clientId}/details");
        status.ShouldBe(200, body.ToString());
        return body.GetProperty("data");
    }

    /// <summary>The invoices of a client, oldest first.</summary>
    public async Task<List<JsonElement>> InvoicesAsync(int clientId) =>
        (await DetailsAsync(clientId)).GetProperty("subscriptions").EnumerateArray()
            .SelectMany(s => s.GetProperty("invoices").EnumerateArray()).ToList();

    public async Task<JsonElement> GenerateAsync(LocalDate asOf)
    {
        var (status, body) = await app.AdminAsync(HttpMethod.Post, "/invoices/generate",
            new { as_of = asOf.ToString("yyyy-MM-dd", null) });
        status.ShouldBe(200, body.ToString());
        return body.GetProperty("data");
    }

    public async Task<(int Status, JsonElement Body)> PayAsync(int invoiceId, decimal amount, string? key = null,
        string method = "cash", string? reference = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/invoices/{invoiceId}/payments");
        request.Content = JsonContent.Create(new { amount, payment_method = method, reference });
        request.Headers.Authorization = new("Bearer", await app.AdminTokenAsync());
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var response = await app.Host.Server.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Pays every open invoice of a client in full.</summary>
    public async Task PayAllAsync(int clientId)
    {
        foreach (var invoice in await InvoicesAsync(clientId))
        {
            var balance = invoice.GetProperty("balance").GetDecimal();
            if (balance > 0)
                (await PayAsync(invoice.GetProperty("invoice_id").GetInt32(), balance)).Status.ShouldBe(201);
        }
    }

    public async Task<IReadOnlyList<RaisedInvoice>> GenerateDirectAsync(LocalDate asOf)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoiceGenerator>()
            .RunAsync(asOf, app.Clock.GetCurrentInstant(), default);
    }

    public async Task<EnforcementResult> EnforceAsync(LocalDate asOf)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Enforcer>()
            .RunAsync(asOf, app.Clock.GetCurrentInstant(), default);
    }

    public BillingService Service => app.Host.Services.GetRequiredService<BillingService>();

    /// <summary>
    /// For a test that moves the clock: takes the admin token at the fixture's start time (tokens expire by the
    /// fake clock) and puts the clock back when disposed, so the class's other tests find it where they expect.
    /// </summary>
    public async Task<IAsyncDisposable> TimeTravelAsync()
    {
        app.Clock.Reset(Start);
        await app.AdminTokenAsync();
        return new ClockReset(app);
    }

    public static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 3, 0);

    private sealed class ClockReset(AppFixture app) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            app.Clock.Reset(Start);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Moves the fake clock to a moment given in UTC.</summary>
    public void SetUtc(int year, int month, int day, int hour, int minute = 0) =>
        app.Clock.Reset(Instant.FromUtc(year, month, day, hour, minute));
}
