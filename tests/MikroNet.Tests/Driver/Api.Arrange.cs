using MikroNet.Features.Clients;
using MikroNet.Features.Common;
using MikroNet.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using ClientDetails = MikroNet.Features.Clients.ClientDetails;
using CreatePlan = MikroNet.Features.Plans.CreatePlan;
using RecordPayment = MikroNet.Features.Billing.RecordPayment;
using RegisterClient = MikroNet.Features.Clients.RegisterClient;
using RegisterRouter = MikroNet.Features.Routers.RegisterRouter;

namespace MikroNet.Tests.Driver;

/// <summary>Valid records to start from, and shortcuts that create them and answer their ids.</summary>
public sealed partial class Api
{
    private static int _serial;

    /// <summary>A name no other test of the run uses (tests of one class share a database).</summary>
    public static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _serial)}-{Guid.NewGuid():N}"[..20];

    // Tokens

    /// <summary>Registers the first user (the admin) once per fixture and logs in for a real token.</summary>
    public async Task<string> AdminTokenAsync()
    {
        if (_session.AdminToken is { } token) return token;
        await using (var db = _app.Db())
            if (!await db.Users.AnyAsync(u => u.Username == AppFixture.AdminUser))
                await Anonymous.RegisterUserAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
        return _session.AdminToken = await TokenAsync(AppFixture.AdminUser, AppFixture.AdminPassword);
    }

    /// <summary>Creates an operator (as the admin) and logs in as it.</summary>
    public async Task<string> OperatorTokenAsync(string username)
    {
        (await As(await AdminTokenAsync()).RegisterUserAsync(username, "operator-pass-1", "operator")).Expect(201);
        return await TokenAsync(username, "operator-pass-1");
    }

    /// <summary>Logs in; a refused login fails the test.</summary>
    public async Task<string> TokenAsync(string username, string password) =>
        (await Anonymous.LoginAsync(username, password)).Body.Token;

    // Routers

    /// <summary>A made-up router: nothing listens there, so only tests with the worker off use it.</summary>
    public static RegisterRouter.Request NewRouter(string name) =>
        new() { Name = name, Host = "127.0.0.1", Username = "api", Password = "router-pass" };

    public Task<int> AddRouterAsync(string? name = null) => AddRouterAsync(NewRouter(name ?? Unique("r")));

    public async Task<int> AddRouterAsync(RegisterRouter.Request router) =>
        (await RegisterRouterAsync(router)).Expect(201).Data.RouterId;

    // Plans

    public static CreatePlan.Request NewPlan(decimal price = 150_000m, int months = 1, string? name = null) => new()
    {
        Name = name ?? Unique("Plan "), Price = price, PeriodMonths = months, PppProfile = "home-10M", RateLimit = "10M/10M",
    };

    public async Task<int> AddPlanAsync(decimal price = 150_000m, int months = 1) =>
        (await CreatePlanAsync(NewPlan(price, months))).Expect(201).Data.PlanId;

    // Clients

    /// <summary>A valid registration; the phone number is stored as +6281234567890.</summary>
    public static RegisterClient.Request NewClient(int routerId, string secret) => new()
    {
        Name = "Budi Santoso", PhoneNumber = "+62 812-3456-7890", Address = "Jl. Merdeka 1, Bandung",
        PppSecretName = secret, PppPassword = "ppp-pass-1", RouterId = routerId,
    };

    /// <summary>Registers a client; with a plan, its first period starts on <paramref name="start"/>.</summary>
    public async Task<int> AddClientAsync(int routerId, string? secret = null, int? planId = null, LocalDate? start = null,
        string password = "ppp-pass-1")
    {
        var client = NewClient(routerId, secret ?? Unique("c"));
        client.PppPassword = password;
        client.PlanId = planId;
        client.StartDate = start;
        return (await RegisterClientAsync(client)).Expect(201).Data.ClientId;
    }

    /// <summary>A client's provisioning as the details route shows it.</summary>
    public async Task<ProvisioningView> ProvisioningOfAsync(int clientId) =>
        (await ClientDetailsAsync(clientId)).Data.Client.Provisioning;

    // Billing

    /// <summary>A client's invoices over all its subscriptions, oldest first.</summary>
    public async Task<List<ClientDetails.InvoiceView>> InvoicesAsync(int clientId) =>
        [.. (await ClientDetailsAsync(clientId)).Data.Subscriptions.SelectMany(s => s.Invoices)];

    public Task<ApiResponse<Envelope<RecordPayment.Response>>> PayAsync(int invoiceId, decimal amount, string? key = null,
        string method = "cash", string? reference = null) =>
        PayAsync(invoiceId, new RecordPayment.Request
        {
            Amount = amount, PaymentMethod = method, Reference = reference, IdempotencyKey = key,
        });

    /// <summary>Pays every open invoice of a client in full.</summary>
    public async Task PayAllAsync(int clientId)
    {
        foreach (var invoice in (await InvoicesAsync(clientId)).Where(i => i.Balance > 0))
            (await PayAsync(invoice.InvoiceId, invoice.Balance)).Expect(201);
    }
}
