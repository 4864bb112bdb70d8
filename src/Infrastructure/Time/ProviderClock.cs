using Microsoft.Extensions.Options;
using NodaTime;

namespace MikroNet.Infrastructure.Time;

public sealed class TimeZoneOptions
{
    /// <summary>Bound from the Billing section: the provider's one IANA zone.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
}

/// <summary>"Today" and "now" as the provider sees them: the date in its time zone, never the server's.</summary>
public sealed class ProviderClock(IClock clock, IOptions<TimeZoneOptions> options)
{
    public DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.Value.TimeZone)
        ?? throw new InvalidOperationException($"Billing:TimeZone '{options.Value.TimeZone}' is not an IANA time zone.");

    public Instant Now => clock.GetCurrentInstant();

    public LocalDate Today => Now.InZone(Zone).Date;
}
