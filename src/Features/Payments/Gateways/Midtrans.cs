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

/// <summary>Midtrans: Snap transactions for links, the Core API's status for reconcile, signed HTTP notifications.</summary>
public sealed class Midtrans(HttpClient http, IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public const string GatewayName = "midtrans";
    private MidtransOptions Settings => options.Value.Midtrans;

    public string Name => GatewayName;
    public bool Enabled => Settings.Enabled;

    public async Task<CreatedLink> CreateLinkAsync(LinkOrder order, CancellationToken ct)
    {
        var body = new
        {
            transaction_details = new { order_id = order.ExternalId, gross_amount = Money.Plain(order.Amount) },
            customer_details = new { first_name = order.CustomerName, phone = order.CustomerPhone },
            item_details = new[] { new { id = order.ExternalId, price = Money.Plain(order.Amount), quantity = 1, name = order.Description } },
            expiry = new { unit = "minutes", duration = (int)order.Lifetime.TotalMinutes },
        };
        using var request = Request(HttpMethod.Post, new Uri(Settings.SnapBaseUrl, "snap/v1/transactions"));
        request.Content = JsonContent.Create(body);
        using var response = await GatewayCalls.SendAsync(http, request, GatewayName, ct);
        var json = await GatewayCalls.ReadJsonAsync(response, GatewayName, ct);
        if (json.Text("token") is not { } token || json.Text("redirect_url") is not { } url)
            throw new GatewayUnavailableException("midtrans answered without token or redirect_url.", timedOut: false);
        return new CreatedLink(token, url);
    }

    public async Task<GatewayNotice?> StatusAsync(PaymentLink link, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get,
            new Uri(Settings.ApiBaseUrl, $"v2/{Uri.EscapeDataString(link.ExternalId)}/status"));
        using var response = await GatewayCalls.SendAsync(http, request, GatewayName, ct, HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var raw = await response.Content.ReadAsStringAsync(ct);
        JsonElement json;
        try { json = JsonDocument.Parse(raw).RootElement; }
        catch (JsonException ex) { throw new GatewayUnavailableException("midtrans answered something that is not JSON.", false, ex); }
        // The Core API answers an order nobody has paid into yet with HTTP 200 and status_code "404".
        if (json.Text("status_code") == "404" || json.Text("transaction_id") is null) return null;
        return Read(json, raw);
    }

    /// <summary>
    /// Whether signature_key is the lowercase hex SHA-512 of order_id + status_code + gross_amount + server key,
    /// each exactly as the notification spells it; compared in constant time.
    /// </summary>
    public bool SignatureIsValid(JsonElement json)
    {
        if (json.Text("signature_key") is not { } given || json.Text("order_id") is not { } orderId
            || json.Text("status_code") is not { } statusCode || json.Text("gross_amount") is not { } grossAmount)
            return false;
        var expected = Convert.ToHexStringLower(SHA512.HashData(
            Encoding.UTF8.GetBytes(orderId + statusCode + grossAmount + Settings.ServerKey)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(given.ToLowerInvariant()));
    }

    /// <summary>The status mapping: settlement, and capture with fraud_status accept, pay; expire/cancel/deny/failure close.</summary>
    public static GatewayNotice? Read(JsonElement json, string raw)
    {
        if (json.Text("order_id") is not { } orderId || json.Text("transaction_status") is not { } status) return null;
        var transactionId = json.Text("transaction_id") ?? "";
        var (outcome, closeAs) = status switch
        {
            "settlement" => (NoticeOutcome.Paid, (PaymentLinkStatus?)null),
            "capture" when json.Text("fraud_status") == "accept" => (NoticeOutcome.Paid, null),
            "expire" => (NoticeOutcome.Closed, PaymentLinkStatus.Expired),
            "cancel" => (NoticeOutcome.Closed, PaymentLinkStatus.Cancelled),
            "deny" or "failure" => (NoticeOutcome.Closed, PaymentLinkStatus.Failed),
            "refund" or "partial_refund" => (NoticeOutcome.Refunded, null),
            _ => (NoticeOutcome.Pending, null), // pending, authorize, capture under fraud challenge
        };
        var amount = decimal.TryParse(json.Text("gross_amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var a) ? a : (decimal?)null;
        return new GatewayNotice(GatewayName, orderId, transactionId, status, outcome, amount, json.Text("payment_type"), raw)
        { CloseAs = closeAs };
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Settings.ServerKey + ":")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
