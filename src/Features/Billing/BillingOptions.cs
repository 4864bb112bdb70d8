using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Billing;

/// <summary>The Billing section of the configuration.</summary>
public sealed class BillingOptions : IValidatableObject
{
    public const string Section = "Billing";

    /// <summary>The provider's IANA zone; "today" and RunAt are read in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Jakarta";

    [Required, StringLength(3, MinimumLength = 3)]
    public string Currency { get; set; } = "IDR";

    /// <summary>Days from a first period's start to its invoice's due date.</summary>
    [Range(0, 365)]
    public int PaymentTermDays { get; set; } = 9;

    /// <summary>How many days before a period ends the next period and its invoice are raised.</summary>
    [Range(0, 365)]
    public int InvoiceLeadDays { get; set; } = 4;

    /// <summary>Days after the due date an unpaid invoice is tolerated before the client is isolated.</summary>
    [Range(0, 365)]
    public int GraceDays { get; set; } = 3;

    /// <summary>
    /// The most missing periods one run raises for a client; a client further behind is listed under
    /// needs_attention instead (a typo'd start date or a long-forgotten client should not turn into a pile of invoices).
    /// </summary>
    [Range(1, 1200)]
    public int MaxCatchUpPeriods { get; set; } = 12;

    /// <summary>Tax on taxable lines as a fraction (0.11 for Indonesia's PPN); 0 raises no tax line.</summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal TaxRate { get; set; }

    /// <summary>The tax's name on invoices (PPN, VAT, GST).</summary>
    [Required, StringLength(40)]
    public string TaxName { get; set; } = "Tax";

    /// <summary>Whether plan prices and charges already contain the tax (then the tax is taken out of them).</summary>
    public bool PricesIncludeTax { get; set; }

    /// <summary>Whether cancelling "now" credits the unused days of the current period.</summary>
    public bool ProrateOnCancel { get; set; } = true;

    /// <summary>Local time of the daily run, HH:mm.</summary>
    [Required]
    public string RunAt { get; set; } = "00:05";

    /// <summary>Whether this host runs the daily timer (tests drive the service by hand instead).</summary>
    public bool Enabled { get; set; } = true;

    private static readonly LocalTimePattern RunAtPattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    // The only place each text value is parsed: validation at start-up and the typed properties share it, and
    // everything else (ProviderClock, the daily service) reads the typed properties.
    private DateTimeZone? ParsedZone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone);
    private ParseResult<LocalTime> ParsedRunAt => RunAtPattern.Parse(RunAt);

    /// <summary>The parsed <see cref="TimeZone"/>; ValidateOnStart has refused the host when it does not parse.</summary>
    public DateTimeZone Zone => ParsedZone
        ?? throw new InvalidOperationException($"Billing:TimeZone '{TimeZone}' is not an IANA time zone.");

    public LocalTime RunAtTime => ParsedRunAt.GetValueOrThrow();

    /// <summary>
    /// Decimals money is rounded to. IDR and the other currencies without a minor unit in use are whole units,
    /// even where ISO 4217 still lists two decimals for them.
    /// </summary>
    public int MinorUnits => WholeUnitCurrencies.Contains(Currency.ToUpperInvariant()) ? 0 : 2;

    /// <summary>The tax line's text, e.g. "PPN 11%".</summary>
    public string TaxLabel => $"{TaxName} {(TaxRate * 100).ToString("0.####", CultureInfo.InvariantCulture)}%";

    private static readonly HashSet<string> WholeUnitCurrencies =
        ["IDR", "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "PYG", "XAF", "XOF"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ParsedZone is null)
            yield return new ValidationResult($"'{TimeZone}' is not an IANA time zone (for example Asia/Jakarta).",
                [nameof(TimeZone)]);
        if (!ParsedRunAt.Success)
            yield return new ValidationResult($"'{RunAt}' is not a time of day as HH:mm.", [nameof(RunAt)]);
    }
}
