using System.Text.Json;
using Shouldly;

namespace MikroNet.Tests.Fixtures;

public static class JsonAssertions
{
    public static string[] PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>The names of the field errors in a problem-details body.</summary>
    public static string[] ErrorNames(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();

    public static void ShouldHaveProperties(this JsonElement element, params string[] names) =>
        names.Except(element.PropertyNames()).ShouldBeEmpty();
}
