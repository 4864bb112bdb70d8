using Microsoft.AspNetCore.DataProtection;
using MikroNet.Features.Provisioning;
using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.Infrastructure.Security;
using NodaTime;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>What a client's secret must look like on the router, and how a router's secret differs from it, without a database.</summary>
public sealed class DesiredSecretTests
{
    private static readonly SecretProtector Secrets = new(new EphemeralDataProtectionProvider());

    private static readonly DesiredSecret Budi = new("budi", "ppp-pass-1", "home-10m", Disabled: false, Comment: "42");

    private static Client ClientOn(Plan? plan) => new()
    {
        Id = 42, Name = "Budi Santoso", PhoneNumber = "+6281234567890", Address = "Jl. Merdeka 1", PppSecretName = "budi",
        PppPasswordProtected = Secrets.Protect("ppp-pass-1"), RouterId = 1, Plan = plan,
    };

    /// <summary>A secret as the router prints it (RouterOS 7 prints booleans as true/false).</summary>
    private static Dictionary<string, string> Printed(string password = "ppp-pass-1", string? profile = "home-10m",
        string disabled = "false", string comment = "42")
    {
        var secret = new Dictionary<string, string>
        {
            [".id"] = "*1", ["name"] = "budi", ["password"] = password, ["disabled"] = disabled, ["comment"] = comment,
        };
        if (profile is not null) secret["profile"] = profile;
        return secret;
    }

    [Fact]
    public void For_ClientOnPlan_PlainPasswordPlanProfileAndIdComment() =>
        DesiredSecret.For(ClientOn(new Plan { Name = "Home", PppProfile = "home-10m" }), Secrets).ShouldBe(Budi);

    [Fact]
    public void For_ClientWithoutPlan_RouterDefaultProfile() =>
        DesiredSecret.For(ClientOn(null), Secrets).Profile.ShouldBe("default");

    [Theory]
    [InlineData(ClientStatus.Active, false, false)]
    [InlineData(ClientStatus.Disabled, false, true)]
    [InlineData(ClientStatus.Active, true, true)]
    [InlineData(ClientStatus.Disabled, true, true)]
    public void For_SwitchAndIsolation_DisabledUnlessActiveAndNotIsolated(ClientStatus status, bool isolated, bool disabled)
    {
        var client = ClientOn(null);
        client.Status = status;
        client.IsolatedAt = isolated ? Instant.FromUtc(2026, 12, 8, 0, 0) : null;

        DesiredSecret.For(client, Secrets).Disabled.ShouldBe(disabled);
    }

    [Fact]
    public void AddProperties_NewSecret_PppoeServiceAndEveryOwnedField() =>
        Budi.AddProperties().ShouldBe([
            new("name", "budi"), new("password", "ppp-pass-1"), new("service", "pppoe"), new("profile", "home-10m"),
            new("comment", "42"), new("disabled", "no")]);

    [Fact]
    public void Differences_SecretAsWanted_None() =>
        Budi.Differences(Printed()).ShouldBeEmpty();

    [Fact]
    public void Differences_EachOwnedFieldChangedByHand_SetsOnlyThoseBack() =>
        Budi.Differences(Printed(password: "changed", disabled: "true", comment: "made by the NOC")).ShouldBe([
            new("password", "ppp-pass-1"), new("disabled", "no"), new("comment", "42")]);

    [Fact]
    public void Differences_ProfileNotPrinted_CountsAsDefault()
    {
        Budi.Differences(Printed(profile: null)).ShouldBe([new("profile", "home-10m")]);
        (Budi with { Profile = "default" }).Differences(Printed(profile: null)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void IsTrue_OldAndNewRouterBooleans_ReadAlike(string? printed, bool expected) =>
        DesiredSecret.IsTrue(printed).ShouldBe(expected);

    [Theory]
    [InlineData("42", 42)]
    [InlineData("made by the NOC", null)]
    [InlineData("-5", null)]
    [InlineData(" 7", null)]
    [InlineData("", null)]
    public void ClientIdIn_Comment_OnlyAPlainNumberNamesAClient(string comment, int? expected) =>
        DesiredSecret.ClientIdIn(new Dictionary<string, string> { ["comment"] = comment }).ShouldBe(expected);

    [Fact]
    public void ClientIdIn_NoComment_Null() =>
        DesiredSecret.ClientIdIn(new Dictionary<string, string> { ["name"] = "guest" }).ShouldBeNull();
}
