using MikroNet.Infrastructure.Persistence.Entities;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Clients;

public sealed class ClientStatesTests
{
    [Theory]
    [InlineData(ClientStatus.Active, false, ClientState.Active)]
    [InlineData(ClientStatus.Disabled, false, ClientState.Disabled)]
    [InlineData(ClientStatus.Active, true, ClientState.Isolated)]
    [InlineData(ClientStatus.Disabled, true, ClientState.Isolated)]
    public void Of_SwitchAndIsolation_IsolationOutranksTheSwitchInCodeAndQueryAlike(
        ClientStatus status, bool isolated, ClientState expected)
    {
        var client = new Client
        {
            Name = "n", PhoneNumber = "p", Address = "a", PppSecretName = "s", PppPasswordProtected = "x",
            Status = status, IsolatedAt = isolated ? NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0) : null,
        };

        ClientStates.Of(status, isolated).ShouldBe(expected);
        ClientStates.Expression.Compile()(client).ShouldBe(expected);
        client.SecretDisabled.ShouldBe(expected != ClientState.Active);
    }
}
