namespace MikroNet.Infrastructure.Outbox;

/// <summary>How one consumer's loop polls, batches and backs off; each consumer maps its own options section.</summary>
/// <param name="Enabled">Off in hosts that must not deliver (the CLI, most tests).</param>
/// <param name="PollInterval">Idle wait between rounds, unless <see cref="OutboxWakeUp{TRow}.Wake"/> is called.</param>
/// <param name="BatchSize">Rows claimed per round.</param>
/// <param name="BaseBackoff">Delay after the first failed attempt, and after a round that failed as a whole.</param>
/// <param name="MaxBackoff">Cap of the doubling delay.</param>
public sealed record OutboxSettings(
    bool Enabled, TimeSpan PollInterval, int BatchSize, TimeSpan BaseBackoff, TimeSpan MaxBackoff);

/// <summary>One consumer of one outbox table: its queue and its settings, as registered by <c>AddOutbox</c>.</summary>
public sealed record OutboxConsumer<TRow>(OutboxQueue Queue, OutboxSettings Settings) where TRow : OutboxRow;
