using System.Text.Json;
using Shouldly;

namespace MikroNet.Tests.Fixtures;

public static class ProblemAssertions
{
    /// <summary>What no answer may show: stack frames, driver names, CLR type names, the caller's credentials.</summary>
    private static readonly string[] Leaks = ["at MikroNet", "Npgsql", "Authorization", "Bearer ", "MikroNet.", "System.", "Exception"];

    /// <summary>The response is the one problem-details shape with this status; its body parsed.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        text.ShouldNotLeak();
        var body = JsonDocument.Parse(text).RootElement.Clone();
        body.ShouldHaveProperties("type", "title", "status", "instance", "trace_id", "errors");
        body.GetProperty("status").GetInt32().ShouldBe(status);
        body.GetProperty("trace_id").GetString().ShouldNotBeNullOrEmpty();
        return body;
    }

    public static void ShouldNotLeak(this string text)
    {
        foreach (var leak in Leaks) text.ShouldNotContain(leak, Case.Sensitive, text);
    }
}
