using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FastEndpoints;
using MikroNet.Features.Common;

namespace MikroNet.Tests.Driver;

/// <summary>How the driver writes request bodies and reads answers: the API's own JSON settings, made strict.</summary>
public static class ApiJson
{
    /// <summary>
    /// A request body holds what the endpoint binds from the body: fields left at their default (the route id among
    /// them) are left out, as a client that omits them would, and so are the header-bound properties.
    /// </summary>
    public static readonly JsonSerializerOptions Requests = new(Json.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutHeaders } },
    };

    /// <summary>
    /// An answer must match its record exactly: no property the record lacks, none of its constructor's missing,
    /// no null where the record says it cannot be. A contract change fails the test that reads it.
    /// </summary>
    public static readonly JsonSerializerOptions Answers = new(Json.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Problem details come from FastEndpoints and from ASP.NET Core with different extras; read leniently.</summary>
    public static readonly JsonSerializerOptions Problems = new(Json.Options);

    private static void LeaveOutHeaders(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties.Where(IsHeader).ToList()) type.Properties.Remove(property);
    }

    private static bool IsHeader(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(FromHeaderAttribute), inherit: true) == true;
}
