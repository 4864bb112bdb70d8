using MikroNet.RouterOs;
using MikroNet.RouterOs.Protocol;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests;

public class RouterOsConnectionEncodingTests
{
    [Theory]
    [InlineData("windows-1252")]
    [InlineData("latin1")]
    public async Task AddAsync_RouterUsingCodePage_RoundTripsAccents(string encoding)
    {
        await using var router = await TestRouter.StartAsync(o => o.Encoding = encoding);
        await using var connection = await router.ConnectAsync();

        await connection.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = "josé", ["comment"] = "Café Niño" });

        router.Emulator.FindSecret("josé")!.Comment.ShouldBe("Café Niño");
        (await connection.PrintAsync("/ppp/secret", "?name=josé")).Single()["comment"].ShouldBe("Café Niño");
    }

    [Fact]
    public async Task AddAsync_Utf8ClientOnCodePageRouter_StoresUtf8Bytes()
    {
        await using var router = await TestRouter.StartAsync(o => o.Encoding = "windows-1252");
        await using var connection = await RouterOsConnection.ConnectAsync(router.Endpoint with { Encoding = null }, TestRouter.Fast);

        await connection.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = "x", ["comment"] = "é" });

        router.Emulator.FindSecret("x")!.Comment.ShouldBe("Ã©");
    }

    [Fact]
    public async Task AddAsync_DefaultUtf8_RoundTripsCyrillicAndChinese()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await connection.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = "тест", ["comment"] = "用户" });

        (await connection.PrintAsync("/ppp/secret", "?name=тест")).Single()["comment"].ShouldBe("用户");
    }

    [Theory]
    [InlineData("windows-1252", "k用户")]
    [InlineData("windows-1252", "Łódź")]
    [InlineData("latin1", "€")]
    public async Task AddAsync_CharacterOutsideRouterEncoding_ThrowsAndSendsNothing(string encoding, string name)
    {
        await using var router = await TestRouter.StartAsync(o => o.Encoding = encoding);
        await using var connection = await router.ConnectAsync();
        var sent = router.Emulator.CommandsReceived;

        var error = await Should.ThrowAsync<RouterOsEncodingException>(
            () => connection.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = name }));

        (error.Attribute, error.EncodingName).ShouldBe(("name", System.Text.Encoding.GetEncoding(encoding).WebName));
        router.Emulator.CommandsReceived.ShouldBe(sent);
        await connection.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = "plain" });
        router.Emulator.Secrets.Select(s => s.Name).ShouldBe(["plain"]);
    }

    [Fact]
    public async Task AddAsync_PasswordOutsideRouterEncoding_MessageNamesFieldNotValue()
    {
        await using var router = await TestRouter.StartAsync(o => o.Encoding = "windows-1252");
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsEncodingException>(() => connection.AddAsync(
            "/ppp/secret", new Dictionary<string, string> { ["name"] = "x", ["password"] = "密码secret" }));

        error.Message.ShouldContain("'password'");
        error.Message.ShouldNotContain("secret");
    }

    [Fact]
    public async Task AddAsync_LoneSurrogateOnUtf8Router_Throws()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await Should.ThrowAsync<RouterOsEncodingException>(
            () => connection.AddAsync("/ppp/secret", new Dictionary<string, string> { ["name"] = "a\uD800" }));
    }

    [Theory]
    [InlineData(null, "k用户", true)]
    [InlineData("windows-1252", "josé", true)]
    [InlineData("windows-1252", "k用户", false)]
    [InlineData("windows-1252", "ā", false)]
    [InlineData("windows-1251", "тест", true)]
    [InlineData("latin1", "€", false)]
    public void CanRepresent_Text_TrueOnlyForExactRoundTrip(string? encoding, string text, bool expected)
    {
        WordEncodings.CanRepresent(WordEncodings.Resolve(encoding), text).ShouldBe(expected);
    }

    [Fact]
    public void CanRepresent_LoneSurrogateInUtf8_False()
    {
        WordEncodings.CanRepresent(WordEncodings.Resolve(null), "a" + (char)0xD800).ShouldBeFalse();
    }
}
