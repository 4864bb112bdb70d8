using Shouldly;

namespace MikroNet.Tests.Driver;

public static class NameAssertions
{
    /// <summary>Fails naming the expected names that are missing (others may be present too).</summary>
    public static void ShouldInclude(this IEnumerable<string> names, params string[] expected) =>
        expected.Except(names).ShouldBeEmpty();
}
