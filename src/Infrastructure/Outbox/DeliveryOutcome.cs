namespace MikroNet.Infrastructure.Outbox;

public enum DeliveryResult { Done, Retry, Failed }

/// <summary>What became of one row: delivered, worth another try later, or refused for good.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error)
{
    public static DeliveryOutcome Done { get; } = new(DeliveryResult.Done, null);

    public static DeliveryOutcome Retry(string error) => new(DeliveryResult.Retry, error);

    public static DeliveryOutcome Failed(string error) => new(DeliveryResult.Failed, error);
}

/// <summary>A claimed row and what its delivery came to.</summary>
public readonly record struct Delivered<TRow>(TRow Row, DeliveryOutcome Outcome) where TRow : OutboxRow;
