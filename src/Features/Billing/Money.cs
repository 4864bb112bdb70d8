namespace MikroNet.Features.Billing;

/// <summary>Amounts typed in (charges, credit notes) must be whole in the currency's minor unit (IDR: rupiah).</summary>
public static class Money
{
    public static bool Fits(decimal amount, int minorUnits) => decimal.Round(amount, minorUnits) == amount;

    public static string Refusal(int minorUnits) => minorUnits == 0
        ? "Amount must be a whole number in the billing currency (Billing:Currency has no minor unit in use)."
        : $"Amount must have at most {minorUnits} decimals.";

    /// <summary>Rounded to the currency's minor unit, half away from zero (prorations).</summary>
    public static decimal Round(decimal amount, int minorUnits) =>
        decimal.Round(amount, minorUnits, MidpointRounding.AwayFromZero);
}
