using MikroNet.Tests.Fixtures;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Telemetry;

/// <summary>OTLP export switched on towards a collector that is not there: the host serves as usual.</summary>
[Collection(MetricsCollection.Name)]
public sealed class OtlpExportTests(OtlpExportTests.Fixture app) : IClassFixture<OtlpExportTests.Fixture>
{
    [Fact]
    public async Task Host_WithOtlpEndpointThatDoesNotAnswer_ServesRequests()
    {
        (await app.Api.ListClientsAsync()).Status.ShouldBe(200);
        (await app.Api.GraphAsync("{ me { username } }")).HasErrors.ShouldBeFalse();
    }

    public sealed class Fixture : AppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("OpenTelemetry:OtlpEndpoint", "http://127.0.0.1:9")];
    }
}
