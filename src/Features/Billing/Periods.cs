using NodaTime;

namespace MikroNet.Features.Billing;

/// <summary>
/// Period arithmetic, always from the anchor (never from the previous period), so a Jan 31 start gives
/// Feb 28/29, Mar 31, Apr 30 … without drifting. The SQL of GenerateInvoices does the same with
/// PostgreSQL's date + interval, which clamps to the month's last day exactly as NodaTime's PlusMonths does.
/// </summary>
public static class Periods
{
    public static LocalDate Start(LocalDate anchor, int months, int index) => anchor.PlusMonths(index * months);

    public static LocalDate End(LocalDate anchor, int months, int index) => Start(anchor, months, index + 1).PlusDays(-1);
}
