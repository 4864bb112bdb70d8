using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace MikroNet.Tests.Driver;

/// <summary>GraphQL's JSON: camelCase names; an answer may hold only fields the records know.</summary>
public static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
}
