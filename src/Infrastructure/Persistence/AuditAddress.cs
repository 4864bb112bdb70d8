using MikroNet.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MikroNet.Infrastructure.Persistence;

/// <summary>
/// Stamps every audit row a request adds with the client address the request came from (the proxy's forwarded
/// address when the proxy is trusted, see ForwardedHeaders:KnownProxies), so the audit helper need not be handed it.
/// </summary>
internal sealed class AuditAddress(IHttpContextAccessor http) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>Stamps as a save would, for writes that do not go through SaveChanges (<see cref="BatchWrites"/>).</summary>
    internal static void StampFor(DbContext context, IEnumerable<object> added)
    {
        var stamper = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<AuditAddress>().FirstOrDefault();
        if (stamper?.Address() is not { } address) return;
        foreach (var audit in added.OfType<AuditEntry>()) audit.Address ??= address;
    }

    private string? Address() => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private void Stamp(DbContext? context)
    {
        if (context is null || Address() is not { } address) return;
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
            if (entry.State == EntityState.Added) entry.Entity.Address ??= address;
    }
}
