using System.Text;
using MikroNet.Features.Common;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Common;

public sealed class PostgresJsonTests
{
    [Theory]
    [InlineData("""{"a" : 1, "b" : [1, 2, {"c" : null}]}""", """{"a":1,"b":[1,2,{"c":null}]}""")]
    [InlineData("""{"name" : "Jl. Merdeka 1, Bandung"}""", """{"name":"Jl. Merdeka 1, Bandung"}""")]
    [InlineData("""{"q" : "say \" : \", ok", "s" : "back\\ "}""", """{"q":"say \" : \", ok","s":"back\\ "}""")]
    [InlineData("""["a \\", "b"]""", """["a \\","b"]""")]
    [InlineData("""{"u" : "山田 😀 "}""", """{"u":"山田 😀 "}""")]
    public void Compact_PostgresOutput_DropsOnlySpacesBetweenTokens(string postgres, string compact)
    {
        var source = Encoding.UTF8.GetBytes(postgres);
        var target = new byte[source.Length];

        var length = PostgresJson.Compact(source, target);

        Encoding.UTF8.GetString(target, 0, length).ShouldBe(compact);
        var inPlace = Encoding.UTF8.GetBytes(postgres);
        Encoding.UTF8.GetString(inPlace, 0, PostgresJson.Compact(inPlace, inPlace)).ShouldBe(compact);
    }
}
