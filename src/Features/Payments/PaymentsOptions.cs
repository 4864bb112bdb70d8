using System.ComponentModel.DataAnnotations;

namespace MikroNet.Features.Payments;

/// <summary>The Payments section. A gateway without its keys is off; keys are never logged nor returned.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    public MidtransOptions Midtrans { get; set; } = new();
    public XenditOptions Xendit { get; set; } = new();

    /// <summary>How often the reconcile job asks the gateways about links still open.</summary>
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How old an open link must be before reconcile asks about it (the webhook normally comes first).</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether this host runs the periodic reconcile (tests call it by hand).</summary>
    public bool ReconcileEnabled { get; set; } = true;

    /// <summary>How long a new payment link stays payable.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Per-attempt timeout of a call to a gateway; a link request is retried with backoff within TotalTimeout.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a failed call (connection refused, timeout, 5xx, 429), waiting RetryDelay doubled each time.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class MidtransOptions
{
    public string ServerKey { get; set; } = "";
    public Uri SnapBaseUrl { get; set; } = new("https://app.sandbox.midtrans.com");
    public Uri ApiBaseUrl { get; set; } = new("https://api.sandbox.midtrans.com");
    public bool Enabled => !string.IsNullOrWhiteSpace(ServerKey);
}

public sealed class XenditOptions
{
    public string SecretKey { get; set; } = "";
    public string CallbackToken { get; set; } = "";
    public Uri BaseUrl { get; set; } = new("https://api.xendit.co");
    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(CallbackToken);
}
