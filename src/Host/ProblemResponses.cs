using MikroNet.Features.Common;

namespace MikroNet.Host;

/// <summary>
/// The outermost middleware: whatever goes wrong below it, the caller gets a problem-details body and nothing else —
/// no stack trace, exception text or request header, in every environment (it sits inside the developer exception
/// page, which therefore never sees an exception). A 500 is logged with the trace id the body carries. An error
/// status set without a body (unknown route 404, 405, 415 from routing) gets one.
/// </summary>
internal static class ProblemResponses
{
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        var logger = app.Logger;
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return; // the caller has gone; there is no one to answer
            }
            catch (BadHttpRequestException e) when (!http.Response.HasStarted)
            {
                // Kestrel's refusals while reading the body: 413 over the size limit, 400 malformed, 408 too slow.
                await ProblemWriter.WriteAsync(http, Problem.Create(http, e.StatusCode, Describe(e.StatusCode)));
                return;
            }
            catch (Exception e) when (!http.Response.HasStarted)
            {
                logger.LogError(e, "Unhandled error in {Method} {Path}, trace id {TraceId}", http.Request.Method,
                    http.Request.Path, http.TraceIdentifier);
                http.Response.Clear();
                await ProblemWriter.WriteAsync(http, Problem.Create(http, StatusCodes.Status500InternalServerError,
                    $"The service failed to answer; quote trace id {http.TraceIdentifier} when reporting it."));
                return;
            }

            var response = http.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null
                && response.ContentLength is null or 0)
                await ProblemWriter.WriteAsync(http, Problem.Create(http, response.StatusCode, Describe(response.StatusCode)));
        });
        return app;
    }

    private static string? Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed.",
        StatusCodes.Status404NotFound => "There is nothing at this address (unknown route, or an id that is not a whole number in range).",
        StatusCodes.Status405MethodNotAllowed => "This route does not take this method; the Allow header lists those it takes.",
        StatusCodes.Status408RequestTimeout => "The request body arrived too slowly.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than the service accepts.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => null,
    };
}
