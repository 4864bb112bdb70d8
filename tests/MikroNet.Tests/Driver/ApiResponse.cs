using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace MikroNet.Tests.Driver;

/// <summary>An answer of the API as the test saw it: status, raw body, and typed views of the body.</summary>
public class ApiResponse(int status, byte[] bytes, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
{
    private string? _text;

    public int Status { get; } = status;

    /// <summary>The body as sent (PDFs, CSV files).</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>The body as UTF-8 text, for tests about the exact answer (the seed's bodies, replays, no secrets).</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Bytes);

    public HttpResponseHeaders Headers { get; } = headers;
    public HttpContentHeaders ContentHeaders { get; } = contentHeaders;
    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    /// <summary>The problem-details body of a refusal.</summary>
    public Problem Problem => Status >= 400
        ? Read<Problem>(ApiJson.Problems)
        : throw new ShouldAssertException($"Expected a refusal but got {Status}: {Text}");

    /// <summary>The body read as another record (for answers with more than one shape).</summary>
    public T As<T>() => Read<T>(ApiJson.Answers);

    /// <summary>
    /// The JSON property names of the object at a path (property names, and indexes into arrays), to pin a contract's
    /// field names independently of the records the answer is read into.
    /// </summary>
    public IReadOnlyList<string> PropertyNames(params object[] path)
    {
        using var document = JsonDocument.Parse(Text);
        var element = path.Aggregate(document.RootElement, (e, step) => step is int index ? e[index] : e.GetProperty((string)step));
        return [.. element.EnumerateObject().Select(p => p.Name)];
    }

    protected T Read<T>(JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Text, options) ?? throw new JsonException("The body is null.");
        }
        catch (JsonException e)
        {
            throw new ShouldAssertException($"{Status} body does not read as {typeof(T).Name}: {e.Message}\n{Text}", e);
        }
    }
}

/// <summary>An answer whose success body is <typeparamref name="T"/>.</summary>
public sealed class ApiResponse<T>(int status, byte[] bytes, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
    : ApiResponse(status, bytes, headers, contentHeaders)
{
    private T? _body;

    /// <summary>Fails the test, showing the body, unless the status is <paramref name="status"/>.</summary>
    public ApiResponse<T> Expect(int status)
    {
        Status.ShouldBe(status, Text);
        return this;
    }

    /// <summary>The success body; reading it after a refusal fails the test with the status and the body.</summary>
    public T Body => _body ??= Status is >= 200 and < 300
        ? Read<T>(ApiJson.Answers)
        : throw new ShouldAssertException($"Expected success but got {Status}: {Text}");
}
