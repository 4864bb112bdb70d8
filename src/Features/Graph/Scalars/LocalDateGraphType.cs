using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Graph.Scalars;

/// <summary>A calendar date without time or zone, `yyyy-MM-dd` (billing dates are dates in the provider's zone).</summary>
public sealed class LocalDateGraphType() : NodaPatternGraphType<LocalDate>("LocalDate",
    "A calendar date in the provider's time zone, formatted yyyy-MM-dd.",
    LocalDatePattern.Iso, "a date in yyyy-MM-dd format");
