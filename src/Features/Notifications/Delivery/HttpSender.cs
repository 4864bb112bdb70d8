using System.Net;
using System.Text;
using System.Text.Json;
using MikroNet.Features.Notifications.Templates;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// Sends one WhatsApp or SMS message through an HTTP gateway as its configuration describes. Timeouts, network
/// errors, 429 and 5xx are retried; any other answer that is not a success is permanent, kept as the provider's
/// answer (its status and the start of its body; never the request, which carries the token).
/// </summary>
public sealed class HttpSender(IHttpClientFactory http, TemplateEngine templates)
{
    public const string ClientName = "notification-providers";
    private const int AnswerLength = 500;

    public async Task<SendOutcome> SendAsync(string name, HttpProviderOptions provider, OutgoingMessage message,
        CancellationToken ct)
    {
        var body = templates.Render(provider.Body, new Dictionary<string, object?>
        {
            ["to"] = message.To, ["to_digits"] = message.To.TrimStart('+'), ["message"] = message.Body,
            ["subject"] = message.Subject,
        });
        using var request = new HttpRequestMessage(new HttpMethod(provider.Method), provider.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, provider.ContentType),
        };
        foreach (var (header, value) in provider.Headers) request.Headers.TryAddWithoutValidation(header, value);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(provider.Timeout);
        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var answer = $"{name} answered {(int)response.StatusCode}: {(text.Length > AnswerLength ? text[..AnswerLength] : text)}";
            if (Accepted(provider, response.StatusCode, text)) return SendOutcome.Sent;
            var transient = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            return new SendOutcome(transient ? SendResult.Retry : SendResult.Failed, answer);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendResult.Retry, $"{name} did not answer within {provider.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new SendOutcome(SendResult.Retry, $"{name} unreachable: {ex.HttpRequestError}.");
        }
    }

    private static bool Accepted(HttpProviderOptions provider, HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (provider.SuccessStatusCodes is { } codes ? !codes.Contains(code) : code is < 200 or > 299) return false;
        if (provider.SuccessJsonProperty is not { } property) return true;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(property, out var value)
                && (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) == provider.SuccessJsonValue;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
