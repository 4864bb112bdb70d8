using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Shouldly;

namespace MikroNet.Tests.Driver;

/// <summary>A GraphQL answer: <c>data</c> and <c>errors</c> are read whatever the HTTP status.</summary>
public sealed class GraphResponse(int status, byte[] bytes, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
    : ApiResponse(status, bytes, headers, contentHeaders)
{
    private GraphBody? _body;

    private GraphBody Body => _body ??= Read<GraphBody>(GraphJson.Options);

    /// <summary>The selected data; fails the test, showing the body, when the answer has none.</summary>
    public GqlQuery Data => Body.Data ?? throw new ShouldAssertException($"No data in the {Status} answer: {Text}");

    public IReadOnlyList<GraphError> Errors => Body.Errors ?? [];
    public bool HasErrors => Errors.Count > 0;
    public string FirstError => Errors[0].Message;

    /// <summary>The <c>extensions.code</c> of the first error.</summary>
    public string? FirstErrorCode => Errors[0].Extensions?.Code;

    private sealed record GraphBody(GqlQuery? Data, List<GraphError>? Errors);
}

/// <summary>A GraphQL error; locations, paths and other extensions are not read.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record GraphError(string Message, GraphErrorExtensions? Extensions);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record GraphErrorExtensions(string? Code);
