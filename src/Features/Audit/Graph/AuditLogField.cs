using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using MikroNet.Features.Common;
using MikroNet.Features.Graph;
using MikroNet.Features.Graph.Paging;
using MikroNet.Features.Graph.Scalars;
using MikroNet.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MikroNet.Features.Audit.Graph;

/// <summary>Query.auditLog: the audit trail for admins, newest first, with the filters of GET /audit.</summary>
public static class AuditLogField
{
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<AuditLogConnectionType>>("auditLog")
            .Description("The audit trail, newest first (admin only). `after` is a previous page's endCursor.")
            .AuthorizeWithRoles(Roles.Admin)
            .Argument<StringGraphType>("entity")
            .Argument<StringGraphType>("entityId")
            .Argument<StringGraphType>("actor", "A user id or username.")
            .Argument<StringGraphType>("action")
            .Argument<InstantGraphType>("from", "Inclusive.")
            .Argument<InstantGraphType>("to", "Exclusive.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await PageAsync(c));

    private static async Task<Connection<AuditView>> PageAsync(IResolveFieldContext c)
    {
        var options = c.RequestServices!.GetRequiredService<IOptions<GraphOptions>>().Value;
        var first = c.GetArgument<int?>("first") ?? options.DefaultPageSize;
        if (first < 0 || first > options.MaxPageSize)
            throw new ExecutionError($"'first' must be 0–{options.MaxPageSize}.") { Code = "PAGE_TOO_LARGE" };
        var after = c.GetArgument<string?>("after") is { } cursor ? Decode(cursor) : (long?)null;
        var filter = new AuditFilter(c.GetArgument<string?>("entity"), c.GetArgument<string?>("entityId"),
            c.GetArgument<string?>("actor"), c.GetArgument<string?>("action"), c.GetArgument<Instant?>("from"),
            c.GetArgument<Instant?>("to"), after, first);
        var db = c.RequestServices!.GetRequiredService<MikroNetDb>();
        var page = first == 0 ? new Page<AuditView>([], null) : await AuditPages.ReadAsync(db, filter, c.CancellationToken);
        var edges = page.Items.Select(v => new Edge<AuditView>(Encode(v.AuditId), v)).ToList();
        var info = new PageInfo(page.NextAfter is not null, after is not null, edges.FirstOrDefault()?.Cursor,
            edges.LastOrDefault()?.Cursor);
        return new Connection<AuditView>(edges, info,
            () => new Deferred<int>(ct => (filter with { After = null }).Apply(db).CountAsync(ct)));
    }

    private static string Encode(long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("audit:" + id.ToString(CultureInfo.InvariantCulture)));

    private static long Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("audit:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return id;
        }
        catch (FormatException)
        {
        }
        throw new ExecutionError($"The cursor '{cursor}' is not valid.") { Code = "INVALID_CURSOR" };
    }
}
