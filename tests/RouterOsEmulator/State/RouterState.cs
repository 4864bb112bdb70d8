namespace MikroNet.RouterOsEmulator.State;

/// <summary>Everything a session can change; it outlives stops and restarts of the listener.</summary>
internal sealed class RouterState
{
    public RouterState(ByteText text)
    {
        Text = text;
        Profiles.Insert(0, ProfileDefaults("default"));
        Profiles.Insert(0xFFFFFFFE, ProfileDefaults("default-encryption"));
    }

    /// <summary>Turns configured text (identity, version, board name) into the bytes the router holds.</summary>
    public ByteText Text { get; }

    /// <summary>One lock for all menus: commands are short, and a single lock keeps cross-menu checks consistent.</summary>
    public object Sync { get; } = new();

    public ItemTable Secrets { get; } = new(firstId: 1);

    public ItemTable Profiles { get; } = new(firstId: 1);

    /// <summary>Active sessions get ids from a high range, as on real routers (<c>*80000001</c>); a name may dial in twice.</summary>
    public ItemTable Active { get; } = new(firstId: 0x80000001, uniqueNames: false);

    public Dictionary<string, DateTimeOffset> ActiveSince { get; } = new(StringComparer.Ordinal);

    public string Identity { get; set; } = "MikroTik";

    public DateTimeOffset BootedAt { get; } = DateTimeOffset.UtcNow;

    private static Dictionary<string, string> ProfileDefaults(string name) => new()
    {
        ["name"] = name,
        ["only-one"] = "default",
        ["change-tcp-mss"] = "default",
        ["use-encryption"] = name == "default" ? "default" : "yes",
        ["default"] = "true",
    };
}
