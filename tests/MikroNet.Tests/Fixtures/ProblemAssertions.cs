using System.Text.Json;
using MikroNet.Tests.Driver;
using Shouldly;

namespace MikroNet.Tests.Fixtures;

public static class ProblemAssertions
{
    /// <summary>What no answer may show: stack frames, driver names, CLR type names, the caller's credentials.</summary>
    private static readonly string[] Leaks = ["at MikroNet", "Npgsql", "Authorization", "Bearer ", "MikroNet.", "System.", "Exception"];

    /// <summary>The answer is the one problem-details shape with this status; the names of the fields it blames.</summary>
    public static string[] ShouldBeProblem(this ApiResponse response, int status)
    {
        response.Status.ShouldBe(status, response.Text);
        response.MediaType.ShouldBe("application/problem+json", response.Text);
        response.Text.ShouldNotLeak();
        response.PropertyNames().ShouldBe(["type", "title", "status", "detail", "instance", "trace_id", "errors"],
            ignoreOrder: true, response.Text);
        using var body = JsonDocument.Parse(response.Text);
        body.RootElement.GetProperty("status").GetInt32().ShouldBe(status);
        body.RootElement.GetProperty("trace_id").GetString().ShouldNotBeNullOrEmpty();
        return response.Problem.ErrorNames;
    }

    public static void ShouldNotLeak(this string text)
    {
        foreach (var leak in Leaks) text.ShouldNotContain(leak, Case.Sensitive, text);
    }
}
