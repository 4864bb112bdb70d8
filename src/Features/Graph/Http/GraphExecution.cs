using System.Security.Claims;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MikroNet.Features.Graph.Http;

/// <summary>A request's document (cached or parsed), the operation it selects, and why it is refused, if it is.</summary>
internal sealed record PreparedRequest(GraphRequest Request, GraphQLDocument? Document, GraphQLOperationDefinition? Operation,
    CachedDocument? Cached, ExecutionError? Refusal);

/// <summary>
/// What HTTP and WebSocket requests share: the validated-document cache, the limits checked before execution
/// (nesting, list lengths, filter size, depth), and the execution itself.
/// </summary>
internal static class GraphExecution
{
    public static async Task<PreparedRequest> PrepareAsync(GraphRequest request, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GraphOptions>>().Value;
        var cached = services.GetRequiredService<DocumentCache>().Find(request.Query);
        // A document with a syntax error is left to the executer, which reports it with its location.
        var (document, operation, parseError) = cached is null ? Parse(request) : (cached.Document, Select(cached.Document, request), null);
        var refusal = parseError
            // A cached document's literals passed when it entered the cache (the limits are the host's, fixed at start).
            ?? (document is null ? null : await InputLimits.CheckAsync(cached is null ? document : null, request.Variables, options))
            ?? (document is not null && operation is not null
                && (cached?.DepthOf(operation) ?? QueryDepth.Of(document, operation)) is var depth && depth > options.MaxDepth
                ? new ExecutionError($"The query is {depth} levels deep; at most {options.MaxDepth} are allowed (GraphQL:MaxDepth).")
                    { Code = "MAX_DEPTH" }
                : null);
        return new PreparedRequest(request, document, operation, cached, refusal);
    }

    /// <summary>Executes a prepared request; <paramref name="root"/> is the event a subscription delivers.</summary>
    public static async Task<ExecutionResult> ExecuteAsync(PreparedRequest prepared, IServiceProvider services, ClaimsPrincipal user,
        object? root, CancellationToken ct)
    {
        var request = prepared.Request;
        var executer = services.GetRequiredService<IDocumentExecuter<GraphSchema>>();
        var roles = CachedDocument.RolesOf(user);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = prepared.Document,
            ValidationRules = services.GetRequiredService<GraphRules>().For(prepared.Cached, roles),
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            Root = root,
            RequestServices = services,
            User = user,
            CancellationToken = ct,
        });
        if (result.Executed && prepared.Document is not null)
        {
            if (prepared.Cached is { } cached) cached.Permit(roles);
            else await services.GetRequiredService<DocumentCache>().AddAsync(request.Query, prepared.Document, roles);
        }
        return result;
    }

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
        GraphQLOperationDefinition? only = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation) continue;
            if (request.OperationName is { } name)
            {
                if (operation.Name is { } own && own.Value.Span.SequenceEqual(name)) return operation;
            }
            // Without a name, the document must hold exactly one operation.
            else if (only is not null) return null;
            else only = operation;
        }
        return only;
    }
}
