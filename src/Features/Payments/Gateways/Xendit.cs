using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MikroNet.Infrastructure.Persistence.Entities;

namespace MikroNet.Features.Payments.Gateways;

/// <summary>Xendit: Invoice API for links and status, callbacks carrying the account's callback token.</summary>
public sealed class Xendit(HttpClient http, IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public const string GatewayName = "xendit";
    private XenditOptions Settings => options.Value.Xendit;

    public string Name => GatewayName;
    public bool Enabled => Settings.Enabled;

    public async Task<CreatedLink> CreateLinkAsync(LinkOrder order, CancellationToken ct)
    {
        var body = new
        {
            external_id = order.ExternalId,
            amount = Money.Plain(order.Amount),
            description = order.Description,
            invoice_duration = (int)order.Lifetime.TotalSeconds,
            currency = order.Currency,
            customer = new { given_names = order.CustomerName, mobile_number = order.CustomerPhone },
        };
        using var request = Request(HttpMethod.Post, "v2/invoices");
        request.Content = JsonContent.Create(body);
        using var response = await GatewayCalls.SendAsync(http, request, GatewayName, ct);
        var json = await GatewayCalls.ReadJsonAsync(response, GatewayName, ct);
        if (json.Text("id") is not { } id || json.Text("invoice_url") is not { } url)
            throw new GatewayUnavailableException("xendit answered without id or invoice_url.", timedOut: false);
        return new CreatedLink(id, url);
    }

    public async Task<GatewayNotice?> StatusAsync(PaymentLink link, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"v2/invoices/{Uri.EscapeDataString(link.GatewayReference)}");
        using var response = await GatewayCalls.SendAsync(http, request, GatewayName, ct, HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var raw = await response.Content.ReadAsStringAsync(ct);
        try { return Read(JsonDocument.Parse(raw).RootElement, raw); }
        catch (JsonException ex) { throw new GatewayUnavailableException("xendit answered something that is not JSON.", false, ex); }
    }

    /// <summary>Whether the x-callback-token header is the configured callback token, compared in constant time.</summary>
    public bool TokenIsValid(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given),
            Encoding.UTF8.GetBytes(Settings.CallbackToken));

    /// <summary>The status mapping: PAID and SETTLED pay paid_amount; EXPIRED closes; PENDING waits.</summary>
    public static GatewayNotice? Read(JsonElement json, string raw)
    {
        if (json.Text("external_id") is not { } externalId || json.Text("status") is not { } status
            || json.Text("id") is not { } id) return null;
        var (outcome, closeAs) = status switch
        {
            "PAID" or "SETTLED" => (NoticeOutcome.Paid, (PaymentLinkStatus?)null),
            "EXPIRED" => (NoticeOutcome.Closed, PaymentLinkStatus.Expired),
            _ => (NoticeOutcome.Pending, null),
        };
        var amountText = outcome == NoticeOutcome.Paid ? json.Text("paid_amount") ?? json.Text("amount") : json.Text("amount");
        var amount = decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a)
            ? a : (decimal?)null;
        return new GatewayNotice(GatewayName, externalId, id, status, outcome, amount, json.Text("payment_method"), raw)
        { CloseAs = closeAs };
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(Settings.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Settings.SecretKey + ":")));
        return request;
    }
}
