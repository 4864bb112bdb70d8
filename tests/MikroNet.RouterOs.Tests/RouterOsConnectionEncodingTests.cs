using MikroNet.RouterOs;
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
}
