using System.Security.Claims;
using MikroNet.Features.Common;
using MikroNet.Infrastructure.Persistence;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Billing;

/// <summary>
/// One audit row per billing run that changed something (entity billing_run, id = the as-of date), written in the
/// run's transaction; the actor is the admin who asked over REST, or nobody (the daily run, a CLI verb).
/// </summary>
public static class BillingAudit
{
    public static async Task RecordAsync(MikroNetDb db, ClaimsPrincipal? user, Instant now, string action, LocalDate asOf,
        object data, CancellationToken ct)
    {
        db.Audit(user, now, action, "billing_run", LocalDatePattern.Iso.Format(asOf), data);
        await db.SaveChangesAsync(ct);
    }
}
