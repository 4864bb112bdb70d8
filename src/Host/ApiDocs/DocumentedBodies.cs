using System.Reflection;
using System.Text.Json;
using FastEndpoints;
using FastEndpoints.Swagger;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace MikroNet.Host.ApiDocs;

/// <summary>
/// Bodies and query parameters as they are read: a POST of an endpoint that also answers GET
/// (POST /invoices/generate) is given the body FastEndpoints leaves out, properties bound from a header
/// (Idempotency-Key) leave the body schema, a body with nothing in it is no body, and query parameters are
/// optional (a missing one binds the property's default).
/// </summary>
internal sealed class DocumentedBodies : IOperationProcessor
{
    private static readonly string[] BodyMethods = ["post", "put", "patch"];

    public bool Process(OperationProcessorContext context)
    {
        var endpoint = context.GetEndpointDefinition();
        var requestType = endpoint?.ReqDtoType;
        if (requestType is null || requestType == typeof(EmptyRequest)) return true;
        var operation = context.OperationDescription.Operation;
        var bodyProperties = requestType.GetProperties()
            .Where(p => p.GetCustomAttribute<FromHeaderAttribute>() is null && !IsRouteParameter(context, p))
            .ToList();

        if (operation.RequestBody is null && bodyProperties.Count > 0
            && BodyMethods.Contains(context.OperationDescription.Method, StringComparer.OrdinalIgnoreCase))
        {
            // Inline: the shared schema of the request lost these properties to the GET's query parameters.
            var schema = new JsonSchema { Type = JsonObjectType.Object };
            foreach (var property in bodyProperties)
                schema.Properties[JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)] =
                    context.SchemaGenerator.GenerateWithReferenceAndNullability<JsonSchemaProperty>(
                        property.ToContextualProperty().AccessorType, context.SchemaResolver);
            operation.RequestBody = new OpenApiRequestBody
            {
                IsRequired = false,
                Content = { ["application/json"] = new OpenApiMediaType { Schema = schema } },
            };
        }

        if (operation.RequestBody?.Content.Values.FirstOrDefault()?.Schema?.ActualSchema is { } body)
        {
            foreach (var header in requestType.GetProperties().Where(p => p.GetCustomAttribute<FromHeaderAttribute>() is not null))
            {
                var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(header.Name);
                body.Properties.Remove(name);
                body.RequiredProperties.Remove(name);
            }
            if (body.Properties.Count == 0 && body.AllOf.Count == 0) operation.RequestBody = null;
        }

        foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query))
            parameter.IsRequired = false;
        return true;
    }

    private static bool IsRouteParameter(OperationProcessorContext context, PropertyInfo property) =>
        context.OperationDescription.Path.Contains("{" + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name) + "}",
            StringComparison.OrdinalIgnoreCase);
}
