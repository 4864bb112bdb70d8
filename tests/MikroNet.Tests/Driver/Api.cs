using System.Net.Http.Headers;
using System.Text.Json;
using MikroNet.Features.Clients;
using MikroNet.Features.Common;
using MikroNet.Features.Plans;
using MikroNet.Features.Provisioning.Reconcile;
using MikroNet.Features.Routers;
using MikroNet.Tests.Fixtures;
using NodaTime;
using NodaTime.Text;
using Enforce = MikroNet.Features.Billing.Enforce;
using GenerateInvoices = MikroNet.Features.Billing.GenerateInvoices;
using RecordPayment = MikroNet.Features.Billing.RecordPayment;
using ClientFeatures = MikroNet.Features.Clients;
using Login = MikroNet.Features.Auth.Login;
using PlanFeatures = MikroNet.Features.Plans;
using RegisterUser = MikroNet.Features.Auth.Register;
using RouterFeatures = MikroNet.Features.Routers;

namespace MikroNet.Tests.Driver;

/// <summary>
/// The REST API as the tests call it: one method per route with the Features' own request and answer records,
/// sent as one caller (the admin by default, <see cref="As"/> someone else, <see cref="Anonymous"/> nobody).
/// Methods answer an <see cref="ApiResponse{T}"/> and never assert; the <c>Add…</c> shortcuts arrange a valid
/// record and fail the test, with the body, when the API refuses it.
/// </summary>
public sealed partial class Api
{
    private readonly AppFixture _app;
    private readonly Session _session;
    private readonly Func<Task<string?>> _token;

    public Api(AppFixture app) : this(app, new Session(), null) { }

    private Api(AppFixture app, Session session, Func<Task<string?>>? token)
    {
        _app = app;
        _session = session;
        _token = token ?? (async () => await AdminTokenAsync());
    }

    /// <summary>The same API called with another bearer token.</summary>
    public Api As(string token) => new(_app, _session, () => Task.FromResult<string?>(token));

    /// <summary>The same API called without a token.</summary>
    public Api Anonymous => new(_app, _session, () => Task.FromResult<string?>(null));

    /// <summary>What the callers of one fixture share: the admin's token, taken once.</summary>
    private sealed class Session
    {
        public string? AdminToken { get; set; }
    }

    // Auth

    public Task<ApiResponse<Envelope<RegisterUser.Response>>> RegisterUserAsync(string? username, string? password,
        string? role = null) =>
        SendAsync<Envelope<RegisterUser.Response>>(HttpMethod.Post, "/auth/register",
            new RegisterUser.Request { Username = username!, Password = password!, Role = role });

    public Task<ApiResponse<Login.Response>> LoginAsync(string? username, string? password) =>
        SendAsync<Login.Response>(HttpMethod.Post, "/auth/login", new Login.Request { Username = username!, Password = password! });

    public Task<ApiResponse<MessageOnly>> LogoutAsync() => SendAsync<MessageOnly>(HttpMethod.Post, "/auth/logout", new { });

    // Clients

    public Task<ApiResponse<Envelope<List<ClientView>>>> ListClientsAsync() =>
        SendAsync<Envelope<List<ClientView>>>(HttpMethod.Get, "/client");

    public Task<ApiResponse<Envelope<ClientView>>> RegisterClientAsync(ClientFeatures.RegisterClient.Request client) =>
        SendAsync<Envelope<ClientView>>(HttpMethod.Post, "/client/register", client);

    public Task<ApiResponse<Envelope<ClientFeatures.ClientDetails.Response>>> ClientDetailsAsync(int clientId) =>
        SendAsync<Envelope<ClientFeatures.ClientDetails.Response>>(HttpMethod.Get, $"/client/{clientId}/details");

    public Task<ApiResponse<Envelope<ClientView>>> UpdateClientAsync(int clientId, ClientFeatures.UpdateClient.Request changes) =>
        SendAsync<Envelope<ClientView>>(HttpMethod.Put, $"/client/update/{clientId}", changes);

    public Task<ApiResponse<Envelope<ClientView>>> EnableClientAsync(int clientId) =>
        SendAsync<Envelope<ClientView>>(HttpMethod.Post, $"/client/{clientId}/enable");

    public Task<ApiResponse<Envelope<ClientView>>> DisableClientAsync(int clientId) =>
        SendAsync<Envelope<ClientView>>(HttpMethod.Post, $"/client/{clientId}/disable");

    public Task<ApiResponse<MessageOnly>> DeleteClientAsync(int clientId) =>
        SendAsync<MessageOnly>(HttpMethod.Delete, $"/client/delete/{clientId}");

    public Task<ApiResponse<Envelope<ClientFeatures.AddSubscription.Response>>> AddSubscriptionAsync(int clientId,
        ClientFeatures.AddSubscription.Request subscription) =>
        SendAsync<Envelope<ClientFeatures.AddSubscription.Response>>(HttpMethod.Post, $"/client/{clientId}/subscriptions",
            subscription);

    // Routers

    public Task<ApiResponse<Envelope<RouterView>>> RegisterRouterAsync(RouterFeatures.RegisterRouter.Request router) =>
        SendAsync<Envelope<RouterView>>(HttpMethod.Post, "/routers", router);

    public Task<ApiResponse<Envelope<List<RouterView>>>> ListRoutersAsync() =>
        SendAsync<Envelope<List<RouterView>>>(HttpMethod.Get, "/routers");

    public Task<ApiResponse<Envelope<RouterView>>> GetRouterAsync(int routerId) =>
        SendAsync<Envelope<RouterView>>(HttpMethod.Get, $"/routers/{routerId}");

    public Task<ApiResponse<Envelope<RouterView>>> UpdateRouterAsync(int routerId, RouterFeatures.UpdateRouter.Request changes) =>
        SendAsync<Envelope<RouterView>>(HttpMethod.Put, $"/routers/{routerId}", changes);

    public Task<ApiResponse<MessageOnly>> DeleteRouterAsync(int routerId) =>
        SendAsync<MessageOnly>(HttpMethod.Delete, $"/routers/{routerId}");

    public Task<ApiResponse<Envelope<RouterFeatures.CheckRouter.Response>>> CheckRouterAsync(int routerId) =>
        SendAsync<Envelope<RouterFeatures.CheckRouter.Response>>(HttpMethod.Post, $"/routers/{routerId}/check");

    public Task<ApiResponse<Envelope<ReconcileReport>>> ReconcileAsync(int routerId, bool dryRun = false) =>
        SendAsync<Envelope<ReconcileReport>>(HttpMethod.Post, $"/routers/{routerId}/reconcile" + (dryRun ? "?dry_run=true" : ""));

    // Plans

    public Task<ApiResponse<Envelope<PlanView>>> CreatePlanAsync(PlanFeatures.CreatePlan.Request plan) =>
        SendAsync<Envelope<PlanView>>(HttpMethod.Post, "/plans", plan);

    public Task<ApiResponse<Envelope<List<PlanView>>>> ListPlansAsync() =>
        SendAsync<Envelope<List<PlanView>>>(HttpMethod.Get, "/plans");

    public Task<ApiResponse<Envelope<PlanView>>> GetPlanAsync(int planId) =>
        SendAsync<Envelope<PlanView>>(HttpMethod.Get, $"/plans/{planId}");

    public Task<ApiResponse<Envelope<PlanView>>> UpdatePlanAsync(int planId, PlanFeatures.UpdatePlan.Request changes) =>
        SendAsync<Envelope<PlanView>>(HttpMethod.Put, $"/plans/{planId}", changes);

    // Billing

    public Task<ApiResponse<Envelope<GenerateInvoices.Response>>> GenerateInvoicesAsync(LocalDate? asOf) =>
        SendAsync<Envelope<GenerateInvoices.Response>>(HttpMethod.Post, "/invoices/generate",
            new GenerateInvoices.Request { AsOf = asOf });

    /// <summary>The seed's GET form of generation, with the date in the query.</summary>
    public Task<ApiResponse<Envelope<GenerateInvoices.Response>>> GenerateInvoicesByGetAsync(LocalDate asOf) =>
        SendAsync<Envelope<GenerateInvoices.Response>>(HttpMethod.Get,
            "/invoices/generate?as_of=" + LocalDatePattern.Iso.Format(asOf));

    public Task<ApiResponse<Envelope<Enforce.EnforcementResult>>> EnforceAsync(LocalDate? asOf) =>
        SendAsync<Envelope<Enforce.EnforcementResult>>(HttpMethod.Post, "/invoices/enforce",
            new Enforce.Request { AsOf = asOf });

    /// <summary>Records a payment; the request's idempotency key travels in the Idempotency-Key header.</summary>
    public Task<ApiResponse<Envelope<RecordPayment.Response>>> PayAsync(int invoiceId,
        RecordPayment.Request payment) =>
        SendAsync<Envelope<RecordPayment.Response>>(HttpMethod.Post, $"/invoices/{invoiceId}/payments", payment,
            payment.IdempotencyKey is { } key ? [("Idempotency-Key", key)] : []);

    // GraphQL

    /// <summary>POSTs a GraphQL query, as frontends do.</summary>
    public Task<GraphResponse> GraphAsync(string query, object? variables = null, string accept = GraphResponseJson) =>
        SendGraphAsync(HttpMethod.Post, "/graphql", new StringContent(
            JsonSerializer.Serialize(new { query, variables }, GraphJson.Options), System.Text.Encoding.UTF8, "application/json"), accept);

    /// <summary>Any request to the GraphQL endpoint (GET with a query string, a malformed body), read as a GraphQL answer.</summary>
    public async Task<GraphResponse> SendGraphAsync(HttpMethod method, string url, HttpContent? content,
        string accept = GraphResponseJson)
    {
        var (response, bytes) = await ExchangeAsync(method, url, content, [], accept);
        return new GraphResponse((int)response.StatusCode, bytes, response.Headers, response.Content.Headers);
    }

    public const string GraphResponseJson = "application/graphql-response+json";

    // Any route

    /// <summary>Sends a body as given (an <see cref="HttpContent"/> as is, anything else as JSON) and reads nothing into it.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string url, object? body = null, string? accept = null) =>
        await SendAsync<JsonElement>(method, url, body, [], accept);

    public async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string url, object? body = null,
        IEnumerable<(string Name, string Value)>? headers = null, string? accept = null)
    {
        var (response, bytes) = await ExchangeAsync(method, url, body, headers ?? [], accept);
        return new ApiResponse<T>((int)response.StatusCode, bytes, response.Headers, response.Content.Headers);
    }

    private async Task<(HttpResponseMessage Response, byte[] Bytes)> ExchangeAsync(HttpMethod method, string url, object? body,
        IEnumerable<(string Name, string Value)> headers, string? accept)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = body as HttpContent ?? new StringContent(
                JsonSerializer.Serialize(body, body.GetType(), ApiJson.Requests), System.Text.Encoding.UTF8, "application/json");
        if (await _token() is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        var response = await _app.Host.Server.CreateClient().SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }
}
