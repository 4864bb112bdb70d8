using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

public sealed class Client
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string PhoneNumber { get; set; }
    public required string Address { get; set; }
    public required string PppSecretName { get; set; }

    /// <summary>Data Protection ciphertext of the PPP password.</summary>
    public required string PppPasswordProtected { get; set; }

    /// <summary>Null only for a deleted client whose router was removed later.</summary>
    public int? RouterId { get; set; }
    public Router? Router { get; set; }

    /// <summary>The plan of the current period: its profile is the secret's on the router.</summary>
    public int? PlanId { get; set; }
    public Plan? Plan { get; set; }

    /// <summary>
    /// A plan change from the next period (PUT /client/{id}/plan, next_period): the periods not raised yet renew on
    /// it, and it becomes <see cref="PlanId"/> (profile pushed) on the day its first period starts.
    /// </summary>
    public int? NextPlanId { get; set; }

    /// <summary>The operator's switch (enable/disable).</summary>
    public ClientStatus Status { get; set; }

    /// <summary>Set by billing enforcement while an invoice is overdue; cleared when it is paid.</summary>
    public Instant? IsolatedAt { get; set; }

    public bool AutoRenew { get; set; } = true;

    /// <summary>
    /// The first day without service of a client who cancelled (POST /client/{id}/cancel): nothing renews, and from
    /// this day the client is cancelled (<see cref="CancelledAt"/> set by the daily run, or at once for "now").
    /// </summary>
    public LocalDate? CancelOn { get; set; }
    public string? CancelReason { get; set; }

    /// <summary>When the cancellation took effect: the secret is removed from the router; the client stays on record.</summary>
    public Instant? CancelledAt { get; set; }

    /// <summary>Money the provider owes the client (credit notes, overpayments), used by the next invoices raised.</summary>
    public decimal CreditBalance { get; set; }

    /// <summary>Start of the first period; period k starts at anchor + k × plan months.</summary>
    public LocalDate? AnchorDate { get; set; }

    /// <summary>
    /// The period index that starts at <see cref="AnchorDate"/>: 0, until a plan with another period length moves
    /// the anchor to the start of its first period. Period k then starts at anchor + (k − anchor index) × months.
    /// </summary>
    public int AnchorIndex { get; set; }

    /// <summary>Where e-mail messages go; none are sent without it.</summary>
    public string? Email { get; set; }

    /// <summary>
    /// The channels (email, whatsapp, sms) this client is told on; null = Notifications:DefaultChannels.
    /// </summary>
    public string[]? NotificationChannels { get; set; }

    /// <summary>The client asked not to be sent any message.</summary>
    public bool NotificationsOptOut { get; set; }

    public ProvisioningState ProvisioningState { get; set; }
    public string? ProvisioningError { get; set; }

    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>Clients are deleted softly so their invoices and payments stay on record.</summary>
    public Instant? DeletedAt { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];

    public ClientState State => ClientStates.Of(Status, IsolatedAt is not null, CancelledAt is not null);

    /// <summary>Whether the router should refuse this client's PPP login.</summary>
    public bool SecretDisabled => State != ClientState.Active;
}

public enum ClientStatus { Active, Disabled }

public enum ProvisioningState { Pending, Synced, Failed }
