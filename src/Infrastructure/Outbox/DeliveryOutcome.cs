using NodaTime;

namespace MikroNet.Infrastructure.Outbox;

public enum DeliveryResult { Done, Retry, Failed, Held }

/// <summary>
/// What became of one row: delivered, worth another try later, refused for good, or held back untried until a
/// given moment (quiet hours, a rate limit): a hold is no attempt, so it neither counts nor backs off.
/// </summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error, Instant? Until = null)
{
    public static DeliveryOutcome Hold(Instant until) => new(DeliveryResult.Held, null, until);

    public static DeliveryOutcome Done { get; } = new(DeliveryResult.Done, null);

    public static DeliveryOutcome Retry(string error) => new(DeliveryResult.Retry, error);

    public static DeliveryOutcome Failed(string error) => new(DeliveryResult.Failed, error);
}

/// <summary>A claimed row and what its delivery came to.</summary>
public readonly record struct Delivered<TRow>(TRow Row, DeliveryOutcome Outcome) where TRow : OutboxRow;
