namespace MikroNet.Features.Notifications.Delivery;

/// <summary>A message ready to go: rendered, addressed, with its documents.</summary>
public sealed record OutgoingMessage(string To, string? Subject, string Body, IReadOnlyList<Attachment> Attachments);

public sealed record Attachment(string FileName, byte[] Content);

public enum SendResult { Sent, Retry, Failed }

/// <summary>What a provider said: sent, worth a retry (timeouts, 5xx, 4xx SMTP), or refused for good with its answer.</summary>
public sealed record SendOutcome(SendResult Result, string? Answer)
{
    public static SendOutcome Sent { get; } = new(SendResult.Sent, null);
}
