using System.Text;
using Microsoft.AspNetCore.Http;

namespace MikroNet.Features.Payments;

internal static class WebhookBody
{
    /// <summary>Notifications are a few KB; anything larger is refused before it is read in full.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body as text, or null when it exceeds <see cref="MaxBytes"/>.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return null;
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += read;
        return length > MaxBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
