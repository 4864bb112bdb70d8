using MikroNet.Features.Billing;
using MikroNet.Features.Common;
using MikroNet.Features.Graph.Http;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MikroNet.Features.Graph.Sql;

/// <summary>
/// Answers a request with its cached document's <see cref="SqlAnswer"/> when nothing of GraphQL.NET's work can differ
/// from the first time: the document passed every rule for callers with these roles, its complexity does not depend
/// on the variables, and its client ids are Ints as sent. The depth and input limits have run (<see cref="GraphExecution"/>).
/// </summary>
internal static class SqlAnswers
{
    /// <summary>True when it has sent the answer; false leaves the request to GraphQL.NET, untouched.</summary>
    public static async Task<bool> TrySendAsync(HttpContext http, PreparedRequest prepared, string mediaType)
    {
        if (prepared.Cached is not { Answer: { } answer } cached || !ReferenceEquals(prepared.Operation, answer.Operation)
            || answer.IdsOf(prepared.Request.Variables) is not { } ids)
            return false;
        var services = http.RequestServices;
        if (!services.GetRequiredService<IOptions<GraphOptions>>().Value.SqlAnswers
            || !cached.ComplexityIgnoresVariables || !cached.Permits(CachedDocument.RolesOf(http.User)))
            return false;

        var (today, graceDays) = answer.DependsOnToday
            ? (services.GetRequiredService<ProviderClock>().Today, services.GetRequiredService<IOptions<BillingOptions>>().Value.GraceDays)
            : default;
        byte[] body;
        try
        {
            body = await answer.RunAsync(services.GetRequiredService<ReadBatches>(), ids, today, graceDays, http.RequestAborted);
        }
        catch (NpgsqlException e) when (!http.RequestAborted.IsCancellationRequested)
        {
            // GraphQL.NET's execution reports a failing database as a field error (INTERNAL_SERVER_ERROR) in a 200
            // answer; it tries again and answers so.
            services.GetRequiredService<ILoggerFactory>().CreateLogger("MikroNet.Graph").LogWarning(e, "SQL answer failed");
            return false;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        await PostgresJson.SendCompactAsync(http.Response, body, mediaType + "; charset=utf-8", http.RequestAborted);
        return true;
    }
}
