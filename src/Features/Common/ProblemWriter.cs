using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MikroNet.Features.Common;

/// <summary>
/// ASP.NET Core's problem writer replaced by ours, so that what the framework answers by itself (401/403 from the
/// bearer handler, 429 from the rate limiter, unknown routes, exceptions) has the same body as FastEndpoints' errors.
/// The status phrase is always the title; what happened goes in the detail.
/// </summary>
public sealed class ProblemWriter : IProblemDetailsService
{
    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var given = context.ProblemDetails;
        var status = given.Status ?? (http.Response.StatusCode >= 400 ? http.Response.StatusCode : StatusCodes.Status500InternalServerError);
        var problem = Problem.Create(http, status, given.Detail);
        await WriteAsync(http, problem);
    }

    public async ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
    {
        if (context.HttpContext.Response.HasStarted) return false;
        await WriteAsync(context);
        return true;
    }

    public static async Task WriteAsync(HttpContext http, Problem problem)
    {
        http.Response.StatusCode = problem.Status;
        http.Response.ContentType = Problem.MediaType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, Json.Options, http.RequestAborted);
    }
}
