namespace MikroNet.RouterOsEmulator.State;

/// <summary>Everything a session can change; it outlives stops and restarts of the listener.</summary>
internal sealed class RouterState
{
    /// <summary>One lock for all menus: commands are short, and a single lock keeps cross-menu checks consistent.</summary>
    public object Sync { get; } = new();

    public ItemTable Secrets { get; } = new(firstId: 1);

    public ItemTable Profiles { get; } = new(firstId: 1);

    /// <summary>Active sessions get ids from a high range, as on real routers (<c>*80000001</c>).</summary>
    public ItemTable Active { get; } = new(firstId: 0x80000001);

    public Dictionary<string, DateTimeOffset> ActiveSince { get; } = new(StringComparer.Ordinal);

    public string Identity { get; set; } = "MikroTik";

    public DateTimeOffset BootedAt { get; } = DateTimeOffset.UtcNow;

    public RouterState()
    {
        Profiles.Insert(0, ProfileDefaults("default"));
        Profiles.Insert(0xFFFFFFFE, ProfileDefaults("default-encryption"));
    }

    private static Dictionary<string, string> ProfileDefaults(string name) => new()
    {
        ["name"] = name,
        ["only-one"] = "default",
        ["change-tcp-mss"] = "default",
        ["use-encryption"] = name == "default" ? "default" : "yes",
        ["default"] = "true",
    };
}
