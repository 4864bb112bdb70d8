using System.Text;
using MikroNet.RouterOs.Protocol;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Protocol;

public class SentenceWriterTests
{
    private static string Hex(params string[] words) => Convert.ToHexString(SentenceWriter.Encode(words, Encoding.UTF8));

    private static string Expected(string spacedHex) => spacedHex.Replace(" ", string.Empty, StringComparison.Ordinal);

    [Fact]
    public void Encode_PlainLogin_MatchesDocumentedBytes() =>
        Hex("/login", "=name=admin", "=password=").ShouldBe(Expected(
            "06 2F 6C 6F 67 69 6E 0B 3D 6E 61 6D 65 3D 61 64 6D 69 6E 0A 3D 70 61 73 73 77 6F 72 64 3D 00"));

    [Fact]
    public void Encode_BareLogin_MatchesDocumentedBytes() =>
        Hex("/login").ShouldBe(Expected("06 2F 6C 6F 67 69 6E 00"));

    [Fact]
    public void Encode_SecretPrintWithQuery_MatchesDocumentedBytes() =>
        Hex("/ppp/secret/print", "=.proplist=.id,name,disabled", "?name=abc").ShouldBe(Expected(
            "11 2F 70 70 70 2F 73 65 63 72 65 74 2F 70 72 69 6E 74 1C 3D 2E 70 72 6F 70 6C 69 73 74 3D 2E 69 64 2C 6E 61 6D 65 2C 64 69 73 61 62 6C 65 64 09 3F 6E 61 6D 65 3D 61 62 63 00"));

    [Fact]
    public void Encode_SecretAddWithEqualsInValue_MatchesDocumentedBytes() =>
        Hex("/ppp/secret/add", "=name=user1", "=password=pass1", "=service=pppoe", "=profile=default", "=comment=a=b", "=disabled=no")
            .ShouldBe(Expected(
                "0F 2F 70 70 70 2F 73 65 63 72 65 74 2F 61 64 64 0B 3D 6E 61 6D 65 3D 75 73 65 72 31 0F 3D 70 61 73 73 77 6F 72 64 3D 70 61 73 73 31 0E 3D 73 65 72 76 69 63 65 3D 70 70 70 6F 65 10 3D 70 72 6F 66 69 6C 65 3D 64 65 66 61 75 6C 74 0C 3D 63 6F 6D 6D 65 6E 74 3D 61 3D 62 0C 3D 64 69 73 61 62 6C 65 64 3D 6E 6F 00"));

    [Fact]
    public void Encode_SecretSet_MatchesDocumentedBytes() =>
        Hex("/ppp/secret/set", "=.id=*1A", "=disabled=yes").ShouldBe(Expected(
            "0F 2F 70 70 70 2F 73 65 63 72 65 74 2F 73 65 74 08 3D 2E 69 64 3D 2A 31 41 0D 3D 64 69 73 61 62 6C 65 64 3D 79 65 73 00"));

    [Fact]
    public void Encode_SecretRemove_MatchesDocumentedBytes() =>
        Hex("/ppp/secret/remove", "=.id=*1A").ShouldBe(Expected(
            "12 2F 70 70 70 2F 73 65 63 72 65 74 2F 72 65 6D 6F 76 65 08 3D 2E 69 64 3D 2A 31 41 00"));

    [Fact]
    public void Encode_ActivePrint_MatchesDocumentedBytes() =>
        Hex("/ppp/active/print", "?name=user1").ShouldBe(Expected(
            "11 2F 70 70 70 2F 61 63 74 69 76 65 2F 70 72 69 6E 74 0B 3F 6E 61 6D 65 3D 75 73 65 72 31 00"));

    [Fact]
    public void Encode_CancelWithTags_MatchesDocumentedBytes() =>
        Hex("/cancel", "=tag=2", ".tag=7").ShouldBe(Expected("07 2F 63 61 6E 63 65 6C 06 3D 74 61 67 3D 32 06 2E 74 61 67 3D 37 00"));

    [Fact]
    public void Encode_NonAsciiComment_CountsBytesNotChars()
    {
        var bytes = SentenceWriter.Encode(["=comment=ł"], Encoding.UTF8);

        "=comment=ł".Length.ShouldBe(10);
        Convert.ToHexString(bytes).ShouldBe(Expected("0B 3D 63 6F 6D 6D 65 6E 74 3D C5 82 00"));
    }

    [Fact]
    public void Encode_CyrillicInCodePage1251_UsesSingleBytes() =>
        Convert.ToHexString(SentenceWriter.Encode(["=comment=тест"], WordEncodings.Resolve("windows-1251")))
            .ShouldBe(Expected("0D 3D 63 6F 6D 6D 65 6E 74 3D F2 E5 F1 F2 00"));

    [Fact]
    public void Encode_CyrillicInUtf8_UsesTwoBytesPerLetter() =>
        Convert.ToHexString(SentenceWriter.Encode(["=comment=тест"], WordEncodings.Resolve(null)))
            .ShouldBe(Expected("11 3D 63 6F 6D 6D 65 6E 74 3D D1 82 D0 B5 D1 81 D1 82 00"));
}
