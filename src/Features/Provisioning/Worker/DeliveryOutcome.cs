namespace MikroNet.Features.Provisioning.Worker;

public enum DeliveryResult { Done, Retry, Failed }

/// <summary>What became of one command: delivered, worth another try later, or refused for good.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error)
{
    public static DeliveryOutcome Done { get; } = new(DeliveryResult.Done, null);

    public static DeliveryOutcome Retry(string error) => new(DeliveryResult.Retry, error);

    public static DeliveryOutcome Failed(string error) => new(DeliveryResult.Failed, error);
}
