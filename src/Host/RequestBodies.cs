using System.Net.Mime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using MikroNet.Features.Common;

namespace MikroNet.Host;

/// <summary>
/// Rules every REST body obeys before routing sees it: no larger than `Http:MaxRequestBodyBytes` (413); an empty
/// body, whatever its content type, is read as `{}` so that bodiless routes ignore it and routes whose fields are all
/// optional (`POST /invoices/enforce`) take their defaults; a JSON `null` where an object is expected is a 400, never
/// an empty update. `/graphql` keeps its own rules (GraphQL over HTTP).
/// </summary>
internal static class RequestBodies
{
    public const long DefaultMaxBytes = 2 * 1024 * 1024;

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public static WebApplication UseRequestBodyRules(this WebApplication app)
    {
        var maxBytes = app.Configuration.GetValue("Http:MaxRequestBodyBytes", DefaultMaxBytes);
        // Not an async lambda: the reads (GET without a body) and /graphql go on without a state machine of their own.
        app.Use((http, next) =>
        {
            var request = http.Request;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
            if (request.ContentLength > maxBytes)
                return ProblemWriter.WriteAsync(http, Problem.Create(http, StatusCodes.Status413PayloadTooLarge,
                    $"The request body is larger than {maxBytes} bytes (Http:MaxRequestBodyBytes)."));
            if (request.Path.StartsWithSegments("/graphql")
                || (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.ContentType is null)
                return next(http);
            return ReadBodyAsync(http, next);
        });
        return app;
    }

    /// <summary>An empty body becomes `{}`, a JSON null a 400; anything else goes on as sent.</summary>
    private static async Task ReadBodyAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        request.EnableBuffering();
        var first = await FirstNonWhitespaceAsync(request.Body, http.RequestAborted);
        request.Body.Position = 0;
        if (first is null)
        {
            request.Body = new MemoryStream(EmptyObject, writable: false);
            request.ContentLength = EmptyObject.Length;
            request.ContentType = MediaTypeNames.Application.Json;
        }
        else if (first == 'n' && IsJson(request) && await IsNullAsync(request.Body, http.RequestAborted))
        {
            await ProblemWriter.WriteAsync(http, Problem.Create(http, StatusCodes.Status400BadRequest,
                "The body must be a JSON object, not null.", [new FieldError(JsonErrors.Body, "The body must be a JSON object, not null.")]));
            return;
        }
        await next(http);
    }

    /// <summary>The first byte that is not JSON whitespace, or null when the body is empty or blank.</summary>
    private static async Task<byte?> FirstNonWhitespaceAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[256];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
            foreach (var b in buffer.AsSpan(0, read))
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b;
        return null;
    }

    /// <summary>Whether the whole body is the JSON literal null (other text starting with n is left to the JSON reader).</summary>
    private static async Task<bool> IsNullAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[64];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0) length += read;
        body.Position = 0;
        return length < buffer.Length && System.Text.Encoding.ASCII.GetString(buffer, 0, length).Trim(' ', '\t', '\r', '\n') == "null";
    }

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
