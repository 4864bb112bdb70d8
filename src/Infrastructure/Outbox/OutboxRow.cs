using NodaTime;

namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// The columns every outbox table shares: <see cref="OutboxRound{TRow}"/> claims pending rows, and records each
/// attempt on them. A consumer's table derives from this and adds what its handler needs (a key to order by,
/// a kind, a payload).
/// </summary>
public abstract class OutboxRow
{
    public long Id { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? CompletedAt { get; set; }
}

public enum OutboxStatus { Pending, Done, Failed }
