using NodaTime;

namespace MikroNet.Features.Reports;

/// <summary>
/// A report's date range, both ends inclusive. Without dates it is the last twelve months: from the first day of
/// the month eleven months back to today in the provider's zone.
/// </summary>
public sealed record ReportRange(LocalDate From, LocalDate To)
{
    /// <summary>Ten years: enough for any report a person reads, and it bounds the month series a range produces.</summary>
    public const int MaxMonths = 120;

    public static ReportRange Resolve(LocalDate? from, LocalDate? to, LocalDate today, out string? error)
    {
        var end = to ?? today;
        var start = from ?? new LocalDate(end.Year, end.Month, 1).PlusMonths(-11);
        error = start > end ? "'from' must not be after 'to'."
            : Period.Between(start, end, PeriodUnits.Months).Months >= MaxMonths
                ? $"A report covers at most {MaxMonths} months."
                : null;
        return new ReportRange(start, end);
    }
}
