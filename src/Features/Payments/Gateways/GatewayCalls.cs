using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.Timeout;

namespace MikroNet.Features.Payments.Gateways;

/// <summary>Sends a call to a gateway and turns every way it can fail into a <see cref="GatewayUnavailableException"/>.</summary>
internal static class GatewayCalls
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string gateway,
        CancellationToken ct, params HttpStatusCode[] alsoFine)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new GatewayUnavailableException($"{gateway} did not answer in time.", timedOut: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GatewayUnavailableException($"{gateway} could not be reached: {ex.Message}", timedOut: false, ex);
        }

        if (response.IsSuccessStatusCode || alsoFine.Contains(response.StatusCode)) return response;
        var status = (int)response.StatusCode;
        response.Dispose();
        throw new GatewayUnavailableException($"{gateway} answered HTTP {status}.", timedOut: false);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string gateway, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
        catch (JsonException ex)
        {
            throw new GatewayUnavailableException($"{gateway} answered something that is not JSON.", timedOut: false, ex);
        }
    }

    public static string? Text(this JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}
