using NodaTime;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// Messages per minute per provider in this host, spread evenly (one every 60/N seconds): a message over the rate
/// is held, untried, until the next free slot (nothing is reserved for it, so a held message never costs a slot).
/// Hosts keep their own pace, so N delivering hosts may reach N times the rate.
/// </summary>
public sealed class ProviderRateLimits
{
    private readonly Dictionary<string, Instant> _next = [];

    /// <summary>Takes a slot: null when the message may go now, else when the next slot frees.</summary>
    public Instant? Take(string provider, int perMinute, Instant now)
    {
        var spacing = Duration.FromMilliseconds(60_000.0 / perMinute);
        lock (_next)
        {
            // A next slot further away than one spacing means the clock was set back: start afresh.
            if (_next.TryGetValue(provider, out var next) && next > now && next - now <= spacing) return next;
            _next[provider] = now + spacing;
            return null;
        }
    }
}
