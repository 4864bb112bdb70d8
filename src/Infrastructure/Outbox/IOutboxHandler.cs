namespace MikroNet.Infrastructure.Outbox;

/// <summary>
/// The consumer-specific half of an outbox: delivers a claimed batch. It runs inside the round's transaction on the
/// same scoped DbContext, so whatever it changes besides the rows (for example the client's provisioning state)
/// commits together with the recorded outcomes. Deliveries must be idempotent: a host that dies after delivering
/// but before committing hands the rows back as pending.
/// </summary>
public interface IOutboxHandler<TRow> where TRow : OutboxRow
{
    /// <summary>Delivers the batch (claimed in id order) and returns one outcome per row.</summary>
    Task<IReadOnlyList<Delivered<TRow>>> DeliverAsync(IReadOnlyList<TRow> batch, CancellationToken ct);

    /// <summary>Called after the outcomes are written on the rows, before they are saved.</summary>
    Task RecordedAsync(IReadOnlyList<Delivered<TRow>> outcomes, CancellationToken ct) => Task.CompletedTask;
}
