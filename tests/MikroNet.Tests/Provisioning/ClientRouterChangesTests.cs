using MikroNet.Features.Provisioning;
using MikroNet.Features.Provisioning.Outbox;
using MikroNet.Infrastructure.Persistence.Entities;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Provisioning;

/// <summary>The client → router decision, without a database.</summary>
public sealed class ClientRouterChangesTests
{
    private static readonly ClientRouterState Active = new(1, "budi", ClientStatus.Active, Isolated: false, Deleted: false);

    private static List<RouterCommandFor> Changes(ClientRouterState? before, ClientRouterState after) =>
        [.. ClientRouterChanges.For(before, after)];

    [Fact]
    public void For_NewClient_SyncsItsSecret() =>
        Changes(null, Active).ShouldBe([new(1, new SyncSecret("budi"))]);

    [Fact]
    public void For_NothingChanged_SyncsAgain() =>
        Changes(Active, Active).ShouldBe([new(1, new SyncSecret("budi"))]);

    [Fact]
    public void For_OperatorDisables_SyncsThenKicks() =>
        Changes(Active, Active with { Status = ClientStatus.Disabled })
            .ShouldBe([new(1, new SyncSecret("budi")), new(1, new KickSession("budi"))]);

    [Fact]
    public void For_DisabledAgain_OnlySyncs() =>
        Changes(Active with { Status = ClientStatus.Disabled }, Active with { Status = ClientStatus.Disabled })
            .ShouldBe([new(1, new SyncSecret("budi"))]);

    [Fact]
    public void For_OperatorDisablesIsolatedClient_SyncsThenKicks() =>
        Changes(Active with { Isolated = true }, Active with { Isolated = true, Status = ClientStatus.Disabled })
            .ShouldBe([new(1, new SyncSecret("budi")), new(1, new KickSession("budi"))]);

    [Fact]
    public void For_Enabled_OnlySyncs() =>
        Changes(Active with { Status = ClientStatus.Disabled }, Active).ShouldBe([new(1, new SyncSecret("budi"))]);

    [Theory]
    [InlineData(ClientStatus.Active)]
    [InlineData(ClientStatus.Disabled)]
    public void For_Isolated_SyncsThenKicks(ClientStatus status) =>
        Changes(Active with { Status = status }, Active with { Status = status, Isolated = true })
            .ShouldBe([new(1, new SyncSecret("budi")), new(1, new KickSession("budi"))]);

    [Theory]
    [InlineData(ClientStatus.Active)]
    [InlineData(ClientStatus.Disabled)]
    public void For_Restored_OnlySyncs(ClientStatus status) =>
        Changes(Active with { Status = status, Isolated = true }, Active with { Status = status })
            .ShouldBe([new(1, new SyncSecret("budi"))]);

    [Fact]
    public void For_Renamed_RemovesOldSecretThenKicksOldSessionThenSyncsNew() =>
        Changes(Active, Active with { SecretName = "budi2" }).ShouldBe(
            [new(1, new RemoveSecret("budi")), new(1, new KickSession("budi")), new(1, new SyncSecret("budi2"))]);

    [Fact]
    public void For_MovedToAnotherRouter_ClearsOldRouterThenSyncsNew() =>
        Changes(Active, Active with { RouterId = 2 }).ShouldBe(
            [new(1, new RemoveSecret("budi")), new(1, new KickSession("budi")), new(2, new SyncSecret("budi"))]);

    [Fact]
    public void For_RenamedAndMovedWhileDisabled_ClearsOldRouterThenSyncsNewWithoutKickingIt() =>
        Changes(Active with { Status = ClientStatus.Disabled },
                Active with { Status = ClientStatus.Disabled, RouterId = 2, SecretName = "budi2" }).ShouldBe(
            [new(1, new RemoveSecret("budi")), new(1, new KickSession("budi")), new(2, new SyncSecret("budi2"))]);

    [Fact]
    public void For_Deleted_RemovesSecretThenKicks() =>
        Changes(Active, Active with { Deleted = true })
            .ShouldBe([new(1, new RemoveSecret("budi")), new(1, new KickSession("budi"))]);

    [Fact]
    public void For_DeletedClientWhoseRouterIsGone_QueuesNothing() =>
        Changes(Active with { RouterId = null, Deleted = true }, Active with { RouterId = null, Deleted = true })
            .ShouldBeEmpty();
}
