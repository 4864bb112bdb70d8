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

    /// <summary>
    /// A report's dates lie within a century of today: wider than any ledger, and far from the ends of the calendar,
    /// where a month series would step past year 9999 or before year 1.
    /// </summary>
    public const int MaxYearsFromToday = 100;

    /// <summary>The range asked for; <paramref name="error"/> names the field at fault (from or to) and why.</summary>
    public static ReportRange Resolve(LocalDate? from, LocalDate? to, LocalDate today, out (string Field, string Message)? error)
    {
        var end = to ?? today;
        var start = from ?? new LocalDate(end.Year, end.Month, 1).PlusMonths(-11);
        error = DateProblem("to", end, today) is { } late ? ("to", late)
            : DateProblem("from", start, today) is { } early ? ("from", early)
            : start > end ? ("from", "'from' must not be after 'to'.")
            : Period.Between(start, end, PeriodUnits.Months).Months >= MaxMonths
                ? ("from", $"A report covers at most {MaxMonths} months.")
                : null;
        return new ReportRange(start, end);
    }

    /// <summary>The day an as-of report (aging, collections) is for: today when absent.</summary>
    public static LocalDate AsOf(LocalDate? asOf, LocalDate today, out string? error)
    {
        var day = asOf ?? today;
        error = DateProblem("as_of", day, today);
        return day;
    }

    private static string? DateProblem(string name, LocalDate date, LocalDate today) =>
        date < today.PlusYears(-MaxYearsFromToday) || date > today.PlusYears(MaxYearsFromToday)
            ? $"'{name}' must lie within {MaxYearsFromToday} years of today ({today:yyyy-MM-dd})."
            : null;
}
