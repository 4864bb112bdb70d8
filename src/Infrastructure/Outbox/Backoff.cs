using NodaTime;

namespace MikroNet.Infrastructure.Outbox;

public static class Backoff
{
    /// <summary>
    /// Doubles per attempt up to the cap, then takes a random point in its upper half, so that the rows of a
    /// destination that comes back are not all retried in the same instant by every host.
    /// </summary>
    public static Duration After(int attempts, TimeSpan baseDelay, TimeSpan maxDelay) =>
        After(attempts, baseDelay, maxDelay, Random.Shared.NextDouble());

    /// <param name="jitter">A number in [0, 1): 0 gives half the capped delay, values near 1 nearly all of it.</param>
    public static Duration After(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var capped = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return Duration.FromMilliseconds(capped * (0.5 + jitter / 2));
    }
}
