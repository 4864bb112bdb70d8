using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace MikroNet.Features.Common;

/// <summary>
/// The REST API's JSON settings, in one place: FastEndpoints' serializer is configured with <see cref="Configure"/>,
/// and <see cref="Options"/> (the same settings) writes bodies stored to be replayed byte for byte (idempotency)
/// and problem-details answers written outside FastEndpoints.
/// </summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.MaxDepth = JsonErrors.MaxDepth;
        options.Converters.Add(new TextConverter());
        options.Converters.Add(new MoneyConverter());
        return options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    }
}
