using System.Text;
using MikroNet.RouterOs;
using MikroNet.RouterOs.Tests.Support;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Emulator;

/// <summary>
/// Where a router is strict the emulator must be too (issue cases E1–E3), or product code that relies on the
/// leniency passes its tests and fails on a real router.
/// </summary>
public class EmulatorStrictnessTests
{
    /// <summary>A client that writes every char below 256 as that byte: raw bytes on the wire.</summary>
    private static Task<RouterOsConnection> RawBytesClient(TestRouter router) =>
        RouterOsConnection.ConnectAsync(router.Endpoint with { Encoding = "latin1" }, TestRouter.Fast);

    [Fact]
    public async Task AddSecret_TwoNamesInvalidAsUtf8_KeepsBothAsDistinctBytes()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await RawBytesClient(router);

        await connection.AddAsync("/ppp/secret", [new("name", "k\u00FF"), new("comment", "a")]);
        await connection.AddAsync("/ppp/secret", [new("name", "k\u00FE"), new("comment", "b")]);

        router.Emulator.SecretNameBytes.ShouldBe([[(byte)'k', 0xFF], [(byte)'k', 0xFE]]);
        router.Emulator.FindSecret([(byte)'k', 0xFE])!.Comment.ShouldBe("b");
        (await connection.PrintAsync("/ppp/secret", "?name=k\u00FF")).Single()["comment"].ShouldBe("a");
    }

    [Fact]
    public async Task AddSecret_SameTextInTwoEncodings_DifferentBytesAreDifferentNames()
    {
        await using var router = await TestRouter.StartAsync(o => o.Encoding = "windows-1252");
        await using var cp1252 = await router.ConnectAsync();
        await using var utf8 = await RouterOsConnection.ConnectAsync(router.Endpoint with { Encoding = null }, TestRouter.Fast);

        await cp1252.AddAsync("/ppp/secret", [new("name", "josé")]);
        await utf8.AddAsync("/ppp/secret", [new("name", "josé")]);

        router.Emulator.SecretNameBytes.Select(b => b.Length).ShouldBe([4, 5]);
    }

    [Fact]
    public async Task AddSecret_NonAsciiUtf8Name_PrintsAndMatchesByteForByte()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await connection.AddAsync("/ppp/secret", [new("name", "k用户")]);
        await connection.AddAsync("/ppp/secret", [new("name", "k名字")]);

        router.Emulator.SecretNameBytes.Select(Convert.ToHexString).ShouldBe(
            [Convert.ToHexString(Encoding.UTF8.GetBytes("k用户")), Convert.ToHexString(Encoding.UTF8.GetBytes("k名字"))]);
        (await connection.PrintAsync("/ppp/secret", "?name=k名字")).Single()["name"].ShouldBe("k名字");
    }

    [Theory]
    [InlineData(".id")]
    [InlineData("numbers")]
    public async Task SetSecret_ItemNameWhereIdExpected_ChangesThatSecret(string key)
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("alice", "pw");
        router.Emulator.AddSecret("bob", "pw");
        await using var connection = await router.ConnectAsync();

        await connection.SendAsync("/ppp/secret/set", [$"={key}=alice", "=disabled=yes"]);

        router.Emulator.FindSecret("alice")!.Disabled.ShouldBeTrue();
        router.Emulator.FindSecret("bob")!.Disabled.ShouldBeFalse();
    }

    [Fact]
    public async Task RemoveSecret_NumbersListingIdAndName_RemovesBoth()
    {
        await using var router = await TestRouter.StartAsync();
        var alice = router.Emulator.AddSecret("alice", "pw");
        router.Emulator.AddSecret("bob", "pw");
        router.Emulator.AddSecret("carol", "pw");
        await using var connection = await router.ConnectAsync();

        await connection.SendAsync("/ppp/secret/remove", [$"=numbers={alice},bob"]);

        router.Emulator.Secrets.Select(s => s.Name).ShouldBe(["carol"]);
    }

    [Fact]
    public async Task RemoveSecret_UnknownName_TrapsNoSuchItem()
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(
            () => connection.SendAsync("/ppp/secret/remove", ["=numbers=nobody"]));

        error.TrapMessage.ShouldStartWith("no such item");
    }

    [Fact]
    public async Task RemoveActive_UserNameWithTwoSessions_EndsBoth()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("alice", "pw");
        router.Emulator.Connect("alice");
        router.Emulator.Connect("alice");
        await using var connection = await router.ConnectAsync();

        (await connection.PrintAsync("/ppp/active", "?name=alice")).Count.ShouldBe(2);
        await connection.SendAsync("/ppp/active/remove", ["=.id=alice"]);

        router.Emulator.ActiveSessions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("PPPoE")]
    [InlineData("")]
    public async Task AddSecret_ServiceOutsideRouterOsValues_TrapsLikeRouterOs(string service)
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(
            () => connection.AddAsync("/ppp/secret", [new("name", "alice"), new("service", service)]));

        error.TrapMessage.ShouldBe("input does not match any value of service");
        error.Category.ShouldBe(1);
        router.Emulator.Secrets.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("any")]
    [InlineData("async")]
    [InlineData("l2tp")]
    [InlineData("ovpn")]
    [InlineData("pppoe")]
    [InlineData("pptp")]
    [InlineData("sstp")]
    public async Task AddSecret_EachRouterOsService_IsAccepted(string service)
    {
        await using var router = await TestRouter.StartAsync();
        await using var connection = await router.ConnectAsync();

        await connection.AddAsync("/ppp/secret", [new("name", "alice"), new("service", service)]);

        router.Emulator.FindSecret("alice")!.Service.ShouldBe(service);
    }

    [Fact]
    public async Task SetSecret_BadServiceOnDuplicateName_TrapsTheValueFirst()
    {
        await using var router = await TestRouter.StartAsync();
        router.Emulator.AddSecret("alice", "pw");
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(() => connection.AddAsync(
            "/ppp/secret", [new("name", "alice"), new("service", "bogus")]));

        error.TrapMessage.ShouldBe("input does not match any value of service");
    }

    [Fact]
    public async Task SetSecret_MissingProfile_TrapsAndKeepsTheSecret()
    {
        await using var router = await TestRouter.StartAsync();
        var id = router.Emulator.AddSecret("alice", "pw");
        await using var connection = await router.ConnectAsync();

        var error = await Should.ThrowAsync<RouterOsTrapException>(
            () => connection.SetAsync("/ppp/secret", id, [new("profile", "10M"), new("password", "new")]));

        error.TrapMessage.ShouldBe("input does not match any value of profile");
        router.Emulator.FindSecret("alice")!.ShouldSatisfyAllConditions(
            s => s.Profile.ShouldBe("default"), s => s.Password.ShouldBe("pw"));
    }

    [Fact]
    public async Task SeedSecret_ProfileTheRouterLacks_Throws()
    {
        await using var router = await TestRouter.StartAsync();

        Should.Throw<InvalidOperationException>(() => router.Emulator.AddSecret("alice", "pw", profile: "10M"));
    }
}
