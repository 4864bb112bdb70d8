using System.Globalization;

namespace MikroNet.Features.Payments.Gateways;

internal static class Money
{
    /// <summary>150000.00 as the JSON number 150000 (gateways take IDR in whole rupiah), 1500.50 as 1500.5.</summary>
    public static decimal Plain(decimal amount) =>
        decimal.Parse(amount.ToString("0.##", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
