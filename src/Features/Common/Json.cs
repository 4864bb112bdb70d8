using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace MikroNet.Features.Common;

/// <summary>The REST answer's JSON settings, for bodies stored to be replayed byte for byte (idempotency).</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
}
