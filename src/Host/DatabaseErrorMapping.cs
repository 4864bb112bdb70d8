using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MikroNet.Host;

/// <summary>
/// Constraint violations that slip past an endpoint's own checks (two requests racing for one secret name,
/// a router deleted meanwhile) become 409/422 problems instead of 500s; the transaction has already rolled back.
/// A value PostgreSQL cannot take (a date or number out of its range, class 22) is the caller's 400. The body never
/// names the constraint, the table or the SQL.
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
            catch (Exception e) when (Postgres(e) is { } pg && !context.Response.HasStarted)
            {
                var (status, detail) = pg.SqlState switch
                {
                    PostgresErrorCodes.UniqueViolation => (StatusCodes.Status409Conflict, "The change conflicts with an existing record."),
                    PostgresErrorCodes.ForeignKeyViolation => (StatusCodes.Status409Conflict, "A referenced record does not exist or is still in use."),
                    PostgresErrorCodes.CheckViolation => (StatusCodes.Status422UnprocessableEntity, "The change breaks a business rule."),
                    { } state when state.StartsWith("22", StringComparison.Ordinal) =>
                        (StatusCodes.Status400BadRequest, "A value is out of the range the service can store."),
                    _ => (0, ""),
                };
                if (status == 0) throw;
                app.Logger.LogWarning("Database refused a change ({SqlState}) for {Path}, trace id {TraceId}",
                    pg.SqlState, context.Request.Path, context.TraceIdentifier);
                await Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
            }
        });
        return app;
    }

    private static PostgresException? Postgres(Exception e) => e switch
    {
        PostgresException pg => pg,
        DbUpdateException { InnerException: PostgresException pg } => pg,
        _ => null,
    };
}
