using NodaTime;

namespace MikroNet.Infrastructure.Time;

/// <summary>
/// "Today" and "now" as the provider sees them: the date in its time zone, never the server's. The zone comes
/// from the validated Billing options (AddBilling registers this), so Billing:TimeZone is parsed in one place.
/// </summary>
public sealed class ProviderClock(IClock clock, DateTimeZone zone)
{
    public DateTimeZone Zone => zone;

    public Instant Now => clock.GetCurrentInstant();

    public LocalDate Today => Now.InZone(zone).Date;
}
