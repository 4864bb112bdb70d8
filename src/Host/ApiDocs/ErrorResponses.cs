using Microsoft.AspNetCore.WebUtilities;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace MikroNet.Host.ApiDocs;

/// <summary>
/// The error answers every operation of a kind gives, and one body for all errors. Implied: 404 when the route has
/// an {id} (unknown, unparsable or overflowing id), 400/413/415 when the operation takes a JSON body (malformed,
/// too large, not JSON), 400 when it takes query parameters (a value that does not parse); FastEndpoints already
/// adds 401 for a token and 403 for a role; 500 (an unexpected failure, logged with its trace_id) on every
/// operation. Every error answer, implied or declared with ApiDocs.Problems(...),
/// is application/problem+json.
/// </summary>
internal sealed class ErrorResponses : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        var implied = new List<int> { 500 };
        if (context.OperationDescription.Path.Contains("{id}", StringComparison.Ordinal)) implied.Add(404);
        if (operation.RequestBody is not null) implied.AddRange([400, 413, 415]);
        if (operation.Parameters.Any(p => p.Kind == OpenApiParameterKind.Query)) implied.Add(400);
        foreach (var code in implied) operation.Responses.TryAdd(code.ToString(), new OpenApiResponse());

        var problem = context.SchemaGenerator.GenerateWithReference<JsonSchema>(
            typeof(FastEndpoints.ProblemDetails).ToContextualType(), context.SchemaResolver);
        problem.ActualSchema.Description = "Every error answer (RFC 9457): type, title, status, instance (the route), " +
            "trace_id (quote it when reporting a problem), detail, and errors naming the fields at fault.";
        foreach (var (code, response) in operation.Responses)
        {
            if (!int.TryParse(code, out var status) || status < 400) continue;
            response.Description = ReasonPhrases.GetReasonPhrase(status);
            response.Content.Clear();
            response.Content["application/problem+json"] = new OpenApiMediaType { Schema = problem };
        }
        return true;
    }
}
