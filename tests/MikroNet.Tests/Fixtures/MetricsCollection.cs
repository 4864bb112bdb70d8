using Xunit;

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// Metrics are read with no other host alive in the process: every host publishes meters of the same names, and
/// OpenTelemetry follows the first instrument of a name it meets, which may be another host's. xunit runs collections
/// that disable parallelization after all the others, one at a time (and <see cref="LastCollection"/> after this one).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics, alone in the process";
}
