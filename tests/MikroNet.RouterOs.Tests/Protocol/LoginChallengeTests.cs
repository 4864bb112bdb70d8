using System.Text;
using MikroNet.RouterOs;
using MikroNet.RouterOs.Protocol;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Protocol;

public class LoginChallengeTests
{
    [Theory]
    [InlineData("259e0bc05acd6f46926dc2f809ed1bba", "test", "00c7fd865183a43a772dde231f6d0bff13")]
    [InlineData("abc123", "passTest", "0021277bff9ac7caf06aa608e46616d47f")]
    [InlineData("93b438ec9b80057c06dd9fe67d56aa9a", "", "00e134102a9d330dd7b1849fedfea3cb57")]
    [InlineData("856780b7411eefd3abadee2058c149a3", "", "005062f7a5ef124d34675bf3e81f56c556")]
    [InlineData("aabbccddeeff00112233445566778899", "secret", "00a8bfd49490a32a90532cbac11691aae2")]
    public void Respond_ReferenceChallenge_GivesReferenceResponse(string challenge, string password, string response) =>
        LoginChallenge.Respond(challenge, password, Encoding.UTF8).ShouldBe(response);

    [Fact]
    public void Respond_ChallengeNotHex_ThrowsLoginException() =>
        Should.Throw<RouterOsLoginException>(() => LoginChallenge.Respond("Invalid Hex String", "x", Encoding.UTF8));
}
