using FastEndpoints.Swagger;
using MikroNet.Features;

namespace MikroNet.Host.ApiDocs;

/// <summary>The OpenAPI document at /swagger/v1/swagger.json (browsable at /swagger); how it is kept true: docs/api.md.</summary>
internal static class ApiDocsExtensions
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.SwaggerDocument(o =>
        {
            // Bodiless routes (GET /routers/{id}) would otherwise list a request schema holding nothing.
            o.RemoveEmptyRequestSchema = true;
            o.DocumentSettings = s =>
            {
                s.Title = "MikroNet REST API";
                s.Version = "v1";
                s.SchemaSettings.SchemaNameGenerator = new SchemaNames(typeof(FeaturesExtensions).Assembly);
                // Unknown properties in a body are ignored (seed callers may send fields MikroNet does not model).
                s.SchemaSettings.AlwaysAllowAdditionalObjectProperties = true;
                s.SchemaSettings.SchemaProcessors.Add(new EnumValues());
                s.OperationProcessors.Add(new DocumentedBodies());
                s.OperationProcessors.Add(new ErrorResponses());
            };
        });
        return builder;
    }

    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.UseSwaggerGen();
        return app;
    }
}
