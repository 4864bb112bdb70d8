using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

        // A document with a syntax error is left to the executer, which reports it with its location.
        var cache = http.RequestServices.GetRequiredService<DocumentCache>();
        var cached = cache.Find(graphRequest.Query);
        var (document, operation, parseError) = cached is null ? Parse(graphRequest) : (cached, Select(cached, graphRequest), null);
        if (isGet && operation is { Operation: not OperationType.Query })
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed,
                "Only queries may be sent with GET; use POST.", "METHOD_NOT_ALLOWED");
            return;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<GraphOptions>>().Value;
        var refusal = parseError
            ?? (document is null ? null : await InputLimits.CheckAsync(document, graphRequest.Variables, options))
            ?? (document is not null && operation is not null && QueryDepth.Of(document, operation) is var depth && depth > options.MaxDepth
                ? new ExecutionError($"The query is {depth} levels deep; at most {options.MaxDepth} are allowed (GraphQL:MaxDepth).")
                    { Code = "MAX_DEPTH" }
                : null);
        if (refusal is not null)
        {
            await WriteAsync(http, mediaType, RequestErrorStatus(mediaType), new ExecutionResult { Errors = [refusal] });
            return;
        }

        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<GraphSchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = graphRequest.Query,
            Document = document,
            // A cached document was validated when it entered the cache; the complexity rule (which reads the
            // variables) is added to these by GraphQL.NET's configuration and still runs.
            ValidationRules = cached is null ? null : [],
            OperationName = graphRequest.OperationName,
            Variables = graphRequest.Variables,
            Extensions = graphRequest.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            CancellationToken = http.RequestAborted,
        });

        if (cached is null && document is not null && result.Executed) cache.Add(graphRequest.Query, document);

        // A request that never executed (syntax, validation, variables) is the client's error.
        await WriteAsync(http, mediaType, result.Executed ? StatusCodes.Status200OK : RequestErrorStatus(mediaType), result);
    }

    /// <summary>GraphQL over HTTP: a request that cannot execute is 400 in graphql-response+json, 200 in plain JSON.</summary>
    private static int RequestErrorStatus(string mediaType) =>
        mediaType == MediaTypes.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    /// <summary>
    /// The document and the operation the request selects; nulls when it does not parse or select one. A document
    /// nested deeper than the parser allows (128 levels) is refused here, before any of it is walked.
    /// </summary>
    private static (GraphQLDocument?, GraphQLOperationDefinition?, ExecutionError?) Parse(GraphRequest request)
    {
        GraphQLDocument document;
        try
        {
            // As GraphQL.NET's document builder parses (locations kept for error messages), so that the executer
            // uses this document instead of parsing the text again.
            document = Parser.Parse(request.Query, new ParserOptions { Ignore = IgnoreOptions.Comments });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return (null, null, new ExecutionError("The document is nested too deeply to parse.") { Code = "DOCUMENT_TOO_DEEP" });
        }
        catch (GraphQLParserException)
        {
            return (null, null, null);
        }
        return (document, Select(document, request), null);
    }

    private static GraphQLOperationDefinition? Select(GraphQLDocument document, GraphRequest request)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return request.OperationName is { } name
            ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
    }

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
