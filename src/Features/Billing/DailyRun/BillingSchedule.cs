using NodaTime;
using NodaTime.TimeZones;

namespace MikroNet.Features.Billing.DailyRun;

/// <summary>When the daily run of a given local date is due, in the provider's zone.</summary>
public sealed class BillingSchedule(DateTimeZone zone, LocalTime runAt)
{
    public DateTimeZone Zone => zone;

    /// <summary>
    /// A RunAt inside a daylight-saving gap is moved forward by the gap (02:30 → 03:30), and an ambiguous one
    /// takes the earlier instant, so every local date has exactly one run instant.
    /// </summary>
    public Instant RunInstant(LocalDate date) => zone.ResolveLocal(date.At(runAt), Resolvers.LenientResolver).ToInstant();

    /// <summary>The latest local date whose run instant has passed.</summary>
    public LocalDate LatestDueDate(Instant now)
    {
        var today = now.InZone(zone).Date;
        return RunInstant(today) <= now ? today : today.PlusDays(-1);
    }

    public Instant NextRun(Instant now)
    {
        var today = now.InZone(zone).Date;
        var run = RunInstant(today);
        return run > now ? run : RunInstant(today.PlusDays(1));
    }
}
