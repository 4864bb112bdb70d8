using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MikroNet.Tests.Payments;

/// <summary>How the fake gateways answer every call.</summary>
public enum FakeMode { Normal, Error503, Hang, Refuse }

/// <summary>
/// Midtrans and Xendit as one in-process Kestrel server on a loopback port: Snap transactions and the Core API's
/// status (Basic auth with the server key), Xendit invoices (Basic auth with the secret key); and the notifications
/// each would send, signed or tokened as the gateways do.
/// </summary>
public sealed class FakeGateways : IAsyncDisposable
{
    public const string ServerKey = "SB-Mid-server-TEST-secret-key-abc123";
    public const string XenditSecret = "xnd_development_TEST_secret_key_xyz789";
    public const string CallbackToken = "xendit-callback-TEST-token-456";

    private WebApplication? _app;

    /// <summary>Snap orders by order_id: gross_amount and, once someone paid, the transaction the status API reports.</summary>
    public ConcurrentDictionary<string, JsonObject> MidtransOrders { get; } = new();

    /// <summary>Xendit invoices by their id.</summary>
    public ConcurrentDictionary<string, JsonObject> XenditInvoices { get; } = new();

    public FakeMode Mode { get; set; } = FakeMode.Normal;
    public int Calls;
    public string BaseUrl { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (http, next) =>
        {
            Interlocked.Increment(ref Calls);
            switch (Mode)
            {
                case FakeMode.Error503: http.Response.StatusCode = 503; return;
                case FakeMode.Hang: await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted); return;
                case FakeMode.Refuse: http.Abort(); return;
            }
            var key = http.Request.Path.StartsWithSegments("/v2/invoices") ? XenditSecret : ServerKey;
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));
            if (http.Request.Headers.Authorization != expected) { http.Response.StatusCode = 401; return; }
            await next(http);
        });
        _app.MapPost("/snap/v1/transactions", async (HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            var details = body["transaction_details"]!;
            var orderId = (string)details["order_id"]!;
            MidtransOrders[orderId] = new JsonObject { ["gross_amount"] = ((decimal)details["gross_amount"]!).ToString("0.00", CultureInfo.InvariantCulture) };
            return Results.Json(new { token = "snap-" + orderId, redirect_url = $"https://app.sandbox.midtrans.com/snap/v4/redirection/snap-{orderId}" },
                statusCode: 201);
        });
        _app.MapGet("/v2/{orderId}/status", (string orderId) =>
            MidtransOrders.TryGetValue(orderId, out var order) && order["transaction"] is JsonObject paid
                ? Results.Text(paid.ToJsonString(), "application/json")
                : Results.Json(new { status_code = "404", status_message = "Transaction doesn't exist." }));
        _app.MapPost("/v2/invoices", async (HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            var id = "xinv-" + Guid.NewGuid().ToString("N")[..12];
            var invoice = new JsonObject
            {
                ["id"] = id, ["external_id"] = (string)body["external_id"]!, ["status"] = "PENDING",
                ["amount"] = (decimal)body["amount"]!, ["invoice_url"] = $"https://checkout-staging.xendit.co/web/{id}",
            };
            XenditInvoices[id] = invoice;
            return Results.Text(invoice.ToJsonString(), "application/json");
        });
        _app.MapGet("/v2/invoices/{id}", (string id) => XenditInvoices.TryGetValue(id, out var invoice)
            ? Results.Text(invoice.ToJsonString(), "application/json") : Results.NotFound());
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/') + "/";
    }

    /// <summary>A Midtrans HTTP notification as Midtrans signs it (gross_amount a string with two decimals).</summary>
    public static string MidtransNotification(string orderId, string status, string grossAmount, string transactionId,
        string paymentType = "qris", string? fraudStatus = null, string? serverKey = null)
    {
        var statusCode = status switch { "settlement" or "capture" => "200", "pending" => "201", _ => "202" };
        var signature = Convert.ToHexStringLower(SHA512.HashData(
            Encoding.UTF8.GetBytes(orderId + statusCode + grossAmount + (serverKey ?? ServerKey))));
        var json = new JsonObject
        {
            ["transaction_time"] = "2026-11-25 10:05:00", ["transaction_status"] = status, ["transaction_id"] = transactionId,
            ["status_message"] = "midtrans payment notification", ["status_code"] = statusCode, ["signature_key"] = signature,
            ["payment_type"] = paymentType, ["order_id"] = orderId, ["merchant_id"] = "G123456789",
            ["gross_amount"] = grossAmount, ["currency"] = "IDR",
        };
        if (fraudStatus is not null) json["fraud_status"] = fraudStatus;
        return json.ToJsonString();
    }

    /// <summary>Someone paid the Snap order: from now on the status API reports this settlement.</summary>
    public string SettleMidtrans(string orderId, string transactionId)
    {
        var order = MidtransOrders[orderId];
        var body = MidtransNotification(orderId, "settlement", (string)order["gross_amount"]!, transactionId);
        order["transaction"] = JsonNode.Parse(body);
        return body;
    }

    /// <summary>A Xendit invoice callback body.</summary>
    public static string XenditCallback(string invoiceId, string externalId, string status, decimal paidAmount,
        string paymentMethod = "EWALLET") =>
        new JsonObject
        {
            ["id"] = invoiceId, ["external_id"] = externalId, ["status"] = status, ["amount"] = paidAmount,
            ["paid_amount"] = paidAmount, ["paid_at"] = "2026-11-25T03:05:00.000Z", ["payment_method"] = paymentMethod,
            ["payment_channel"] = "OVO", ["currency"] = "IDR", ["payment_id"] = "pay-" + invoiceId,
        }.ToJsonString();

    /// <summary>Someone paid the Xendit invoice: from now on GET /v2/invoices/{id} reports it PAID.</summary>
    public void PayXendit(string invoiceId)
    {
        var invoice = XenditInvoices[invoiceId];
        invoice["status"] = "PAID";
        invoice["paid_amount"] = invoice["amount"]!.DeepClone();
        invoice["payment_method"] = "BANK_TRANSFER";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
