using NodaTime;

namespace MikroNet.Features.Provisioning.Worker;

internal static class Backoff
{
    /// <summary>
    /// Doubles per attempt up to the cap, then takes a random point in its upper half, so that the commands of
    /// a router that comes back are not all retried in the same instant by every host.
    /// </summary>
    public static Duration After(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var capped = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return Duration.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
