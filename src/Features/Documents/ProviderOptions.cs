using System.ComponentModel.DataAnnotations;

namespace MikroNet.Features.Documents;

/// <summary>The Provider section: who issues the invoices and receipts, and how they write money and dates.</summary>
public sealed class ProviderOptions : IValidatableObject
{
    public const string Section = "Provider";

    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; set; } = "MikroNet ISP";

    [StringLength(500)]
    public string Address { get; set; } = "";

    [StringLength(50)]
    public string Phone { get; set; } = "";

    /// <summary>The provider's tax number (NPWP in Indonesia), printed when set.</summary>
    [StringLength(50)]
    public string TaxNumber { get; set; } = "";

    /// <summary>How to pay (bank accounts, e-wallets); printed on unpaid invoices, line breaks kept.</summary>
    [StringLength(2000)]
    public string PaymentInstructions { get; set; } = "";

    /// <summary>Culture of amounts and dates on documents; see <see cref="DocumentCulture.Supported"/>.</summary>
    [Required]
    public string Culture { get; set; } = "id-ID";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!DocumentCulture.Supported.ContainsKey(Culture))
            yield return new ValidationResult(
                $"'{Culture}' is not a document culture; use one of {string.Join(", ", DocumentCulture.Supported.Keys)}.",
                [nameof(Culture)]);
    }
}
