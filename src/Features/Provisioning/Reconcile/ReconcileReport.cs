namespace MikroNet.Features.Provisioning.Reconcile;

/// <summary>One repair: <c>add</c>, <c>set</c>, <c>adopt</c>, <c>remove</c> (a secret), <c>kick</c> (a live session) or <c>profile</c> (a missing plan profile added).</summary>
/// <param name="Error">The router's refusal when applying failed; null when applied or in a dry run.</param>
public sealed record ReconcileChange(string Action, string Name, string Reason, int? ClientId, string? Error = null);

public sealed record ReconcileReport(
    int RouterId,
    string RouterName,
    bool DryRun,
    int SecretsOnRouter,
    int ClientsInDatabase,
    int UnmanagedSecrets,
    List<ReconcileChange> Changes,
    int FailedChanges,
    long ElapsedMs);
