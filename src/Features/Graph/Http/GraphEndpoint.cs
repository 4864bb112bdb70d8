using GraphQL;
using GraphQLParser.AST;
using MikroNet.Features.Graph.Sql;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL Foundation's draft): POST application/json, GET for queries only, responses in
/// application/graphql-response+json when accepted (request errors are then 4xx) or application/json (then 200).
/// </summary>
internal static class GraphEndpoint
{
    public static async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(http, MediaTypes.Json, StatusCodes.Status405MethodNotAllowed, "Use GET or POST.", "METHOD_NOT_ALLOWED");
            return;
        }

        if (isGet && !request.Query.ContainsKey("query") && MediaTypes.AcceptsHtml(request))
        {
            await GraphIde.ServeIndexAsync(http);
            return;
        }

        var mediaType = MediaTypes.Negotiate(request);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, MediaTypes.Json, StatusCodes.Status406NotAcceptable,
                $"Accept {MediaTypes.GraphQLResponse} or {MediaTypes.Json}.", "NOT_ACCEPTABLE");
            return;
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status401Unauthorized,
                "A bearer token is required (POST /auth/login).", "UNAUTHENTICATED");
            return;
        }

        if (!isGet && !MediaTypes.IsJsonBody(request))
        {
            await WriteErrorAsync(http, mediaType, StatusCodes.Status415UnsupportedMediaType,
                $"POST a body of type {MediaTypes.Json}.", "UNSUPPORTED_MEDIA_TYPE");
            return;
        }

        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var (graphRequest, error) = await GraphRequest.ReadAsync(request, serializer);
        if (graphRequest is null)
        {
            await WriteErrorAsync(http, mediaType, StatusCodes.Status400BadRequest, error!, "INVALID_REQUEST");
            return;
        }

        var prepared = await GraphExecution.PrepareAsync(graphRequest, http.RequestServices);
        if (isGet && prepared.Operation is { Operation: not OperationType.Query })
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed,
                "Only queries may be sent with GET; use POST.", "METHOD_NOT_ALLOWED");
            return;
        }
        var refusal = prepared.Refusal ?? (prepared.Operation is { Operation: OperationType.Subscription }
            ? new ExecutionError("Subscriptions are served over a WebSocket at this URL (graphql-transport-ws).")
                { Code = "SUBSCRIPTION_NEEDS_WEBSOCKET" }
            : null);
        if (refusal is not null)
        {
            await WriteAsync(http, mediaType, RequestErrorStatus(mediaType), new ExecutionResult { Errors = [refusal] });
            return;
        }

        if (await SqlAnswers.TrySendAsync(http, prepared, mediaType)) return;

        using var slot = await http.RequestServices.GetRequiredService<ExecutionSlots>().TakeAsync(http.RequestAborted);
        var result = await GraphExecution.ExecuteAsync(prepared, http.RequestServices, http.User, root: null, http.RequestAborted);

        // A request that never executed (syntax, validation, variables) is the client's error.
        await WriteAsync(http, mediaType, result.Executed ? StatusCodes.Status200OK : RequestErrorStatus(mediaType), result);
    }

    /// <summary>GraphQL over HTTP: a request that cannot execute is 400 in graphql-response+json, 200 in plain JSON.</summary>
    private static int RequestErrorStatus(string mediaType) =>
        mediaType == MediaTypes.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    private static Task WriteErrorAsync(HttpContext http, string mediaType, int status, string message, string code) =>
        WriteAsync(http, mediaType, status, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] });

    private static async Task WriteAsync(HttpContext http, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLSerializer>();
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
