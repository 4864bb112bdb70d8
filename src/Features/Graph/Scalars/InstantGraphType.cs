using NodaTime;
using NodaTime.Text;

namespace MikroNet.Features.Graph.Scalars;

/// <summary>A moment on the global time line, ISO-8601 in UTC (`2026-11-25T03:00:00Z`).</summary>
public sealed class InstantGraphType() : NodaPatternGraphType<Instant>("Instant",
    "A moment in time, ISO-8601 in UTC, for example 2026-11-25T03:00:00Z.",
    InstantPattern.ExtendedIso, "an ISO-8601 instant such as 2026-11-25T03:00:00Z");
