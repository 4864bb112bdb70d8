using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace MikroNet.Features.Graph.Http;

/// <summary>
/// Banana Cake Pop, copied from its npm package into the output folder at build time (see MikroNet.Host.csproj)
/// and served under /graphql/ with no internet needed.
/// </summary>
internal static class GraphIde
{
    public const string Folder = "graphql-ide";

    private static string Root => Path.Combine(AppContext.BaseDirectory, Folder);

    /// <summary>Static files of the IDE; its service worker is refused (it left the first load blank).</summary>
    public static void UseIdeFiles(this IApplicationBuilder branch)
    {
        branch.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/service-worker.js"))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
        if (Directory.Exists(Root))
            branch.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Root),
                ContentTypeProvider = new FileExtensionContentTypeProvider { Mappings = { [".webmanifest"] = "application/manifest+json" } },
            });
    }

    /// <summary>The IDE's index page; /graphql redirects to /graphql/ so that its relative asset URLs resolve.</summary>
    public static async Task ServeIndexAsync(HttpContext http)
    {
        if (!http.Request.Path.HasValue || http.Request.Path == "")
        {
            http.Response.Redirect(http.Request.PathBase + "/" + http.Request.QueryString);
            return;
        }
        var index = Path.Combine(Root, "index.html");
        if (!File.Exists(index))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("Banana Cake Pop was not built into this host (npm was not available at build time).");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.SendFileAsync(index);
    }
}
