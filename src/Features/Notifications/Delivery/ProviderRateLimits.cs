using NodaTime;

namespace MikroNet.Features.Notifications.Delivery;

/// <summary>
/// Messages per minute per provider in this host, as a token bucket holding one second's worth (at least one): a
/// gateway that takes 60 a minute gets one a second, one that takes 6,000 may get a batch of 100 at once. A message
/// over the rate is held, untried, until a token is there (nothing is reserved for it, so holding costs no token).
/// Hosts keep their own buckets, so N delivering hosts may reach N times the rate.
/// </summary>
public sealed class ProviderRateLimits
{
    private sealed class Bucket
    {
        public double Tokens;
        public Instant At;
    }

    private readonly Dictionary<string, Bucket> _buckets = [];

    /// <summary>Takes a token: null when the message may go now, else when the next token comes.</summary>
    public Instant? Take(string provider, int perMinute, Instant now)
    {
        var perSecond = perMinute / 60.0;
        var capacity = Math.Max(1, perSecond);
        lock (_buckets)
        {
            if (!_buckets.TryGetValue(provider, out var bucket))
                _buckets[provider] = bucket = new Bucket { Tokens = capacity, At = now };
            var elapsed = (now - bucket.At).TotalSeconds;
            // A clock set back starts the bucket afresh rather than holding messages for the time it went back.
            bucket.Tokens = elapsed < 0 ? capacity : Math.Min(capacity, bucket.Tokens + elapsed * perSecond);
            bucket.At = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }
            return now + Duration.FromSeconds((1 - bucket.Tokens) / perSecond);
        }
    }
}
