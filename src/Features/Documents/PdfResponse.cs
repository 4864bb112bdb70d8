using Microsoft.AspNetCore.Http;

namespace MikroNet.Features.Documents;

public static class PdfResponse
{
    public const string ContentType = "application/pdf";

    /// <summary>200 with the PDF shown in the browser (inline) under a file name for saving.</summary>
    public static async Task SendAsync(HttpResponse response, string fileName, byte[] pdf, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = pdf.Length;
        response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        await response.Body.WriteAsync(pdf, ct);
    }
}
