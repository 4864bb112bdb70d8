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

    /// <summary>
    /// The document's middleware is built on the first request under /swagger: NSwag's generator and what it loads
    /// (Newtonsoft.Json, XML documentation readers) held ~6 MiB of a host that is rarely asked for it (docs/performance.md).
    /// A path under /swagger the docs do not serve goes on down the pipeline, as before.
    /// </summary>
    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger"), docs => docs.Use(next =>
        {
            var branch = new Lazy<RequestDelegate>(() =>
            {
                var builder = ((IApplicationBuilder)app).New();
                builder.UseSwaggerGen();
                builder.Run(next);
                return builder.Build();
            });
            return http => branch.Value(http);
        }));
        return app;
    }
}
