using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MikroNet.Host;

/// <summary>
/// Constraint violations that slip past an endpoint's own checks (two requests racing for one secret name,
/// a router deleted meanwhile) become 409 problems instead of 500s; the transaction has already rolled back.
/// </summary>
internal static class DatabaseErrorMapping
{
    public static WebApplication UseDatabaseErrorMapping(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException pg && !context.Response.HasStarted)
            {
                var (status, title) = pg.SqlState switch
                {
                    PostgresErrorCodes.UniqueViolation => (StatusCodes.Status409Conflict, "The change conflicts with an existing record"),
                    PostgresErrorCodes.ForeignKeyViolation => (StatusCodes.Status409Conflict, "A referenced record does not exist or is still in use"),
                    PostgresErrorCodes.CheckViolation => (StatusCodes.Status422UnprocessableEntity, "The change breaks a business rule"),
                    _ => (0, ""),
                };
                if (status == 0) throw;
                await Results.Problem(title: title, detail: pg.ConstraintName is { } c ? $"Constraint: {c}" : null,
                    statusCode: status).ExecuteAsync(context);
            }
        });
        return app;
    }
}
