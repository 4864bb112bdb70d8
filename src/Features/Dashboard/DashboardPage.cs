using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace MikroNet.Features.Dashboard;

/// <summary>
/// /dashboard: the operator's page and Chart.js, copied into the output folder at build time (see
/// MikroNet.Host.csproj) and served with no internet needed. The page holds no data; it reads /graphql with the
/// token its user signs in for.
/// </summary>
public static class DashboardPage
{
    public const string Folder = "dashboard";

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        app.Map("/dashboard", branch =>
        {
            // /dashboard → /dashboard/ so that the page's relative URLs (dashboard.js, ../graphql) resolve.
            branch.Use(async (http, next) =>
            {
                if (http.Request.Path.HasValue && http.Request.Path != "") { await next(http); return; }
                http.Response.Redirect(http.Request.PathBase + "/" + http.Request.QueryString);
            });
            if (Directory.Exists(root))
            {
                var files = new PhysicalFileProvider(root);
                branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
                });
            }
            branch.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return http.Response.WriteAsync("Not found.");
            });
        });
        return app;
    }
}
