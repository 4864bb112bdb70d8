using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// Which dates billing accepts from a caller. Dates are compared with today in the provider's zone; the window is
/// a year and a day either way, so a leap year fits and a mistyped year (1900, 2030, 9999) does not.
/// </summary>
public static class BillingDates
{
    public const int WindowDays = 366;

    /// <summary>as_of of a generation or enforcement run: not in the future unless nothing is written.</summary>
    public static string? AsOfProblem(LocalDate asOf, LocalDate today, bool dryRun)
    {
        if (asOf < today.PlusDays(-WindowDays))
            return $"as_of must not be more than {WindowDays} days before today ({today:yyyy-MM-dd}).";
        if (asOf > today.PlusDays(WindowDays))
            return $"as_of must not be more than {WindowDays} days after today ({today:yyyy-MM-dd}), even in a dry run.";
        if (asOf > today && !dryRun)
            return $"as_of must not be after today ({today:yyyy-MM-dd}); send dry_run=true to see what that day would do.";
        return null;
    }

    /// <summary>A first period's start_date (register, new subscription).</summary>
    public static string? StartDateProblem(LocalDate start, LocalDate today) =>
        start < today.PlusDays(-WindowDays) || start > today.PlusDays(WindowDays)
            ? $"start_date must lie within {WindowDays} days of today ({today:yyyy-MM-dd})."
            : null;

    /// <summary>A payment's payment_date: money received today or within the last year, never later.</summary>
    public static string? PaymentDateProblem(LocalDate paymentDate, LocalDate today) =>
        paymentDate > today ? "Payment date must not be in the future."
        : paymentDate < today.PlusDays(-WindowDays)
            ? $"payment_date must not be more than {WindowDays} days before today ({today:yyyy-MM-dd})."
            : null;
}
