using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// A nightly window (21:00-08:00) in the provider's zone when WhatsApp and SMS wait: a message due inside it is
/// held until the window ends. A window that does not cross midnight (13:00-14:00) works the same way.
/// </summary>
public sealed record QuietHours(LocalTime From, LocalTime To)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The window, <see cref="None"/> for an empty text, or null when the text is not HH:mm-HH:mm.</summary>
    public static QuietHours? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return null;
        var (from, to) = (Pattern.Parse(parts[0]), Pattern.Parse(parts[1]));
        return from.Success && to.Success ? new QuietHours(from.Value, to.Value) : null;
    }

    public static QuietHours None { get; } = new(LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>When a message due at <paramref name="now"/> may go: null when it may go now.</summary>
    public Instant? HeldUntil(Instant now, DateTimeZone zone)
    {
        if (From == To) return null;
        var local = now.InZone(zone).LocalDateTime;
        var time = local.TimeOfDay;
        var inside = From < To ? time >= From && time < To : time >= From || time < To;
        if (!inside) return null;
        var endDate = From > To && time >= From ? local.Date.PlusDays(1) : local.Date;
        return endDate.At(To).InZoneLeniently(zone).ToInstant();
    }
}
