using MikroNet.RouterOsEmulator.State;

namespace MikroNet.RouterOsEmulator.Menus;

internal static class PppMenus
{
    public static TableMenu Secret() => new("/ppp/secret", s => s.Secrets, new MenuRules
    {
        Writable = new HashSet<string>
        {
            "name", "password", "service", "profile", "comment", "disabled", "caller-id", "local-address",
            "remote-address", "routes", "ipv6-routes", "limit-bytes-in", "limit-bytes-out", "remote-ipv6-prefix",
        },
        Defaults = new Dictionary<string, string>
        {
            ["service"] = "any",
            ["caller-id"] = string.Empty,
            ["password"] = string.Empty,
            ["profile"] = "default",
            ["routes"] = string.Empty,
            ["ipv6-routes"] = string.Empty,
            ["limit-bytes-in"] = "0",
            ["limit-bytes-out"] = "0",
            ["disabled"] = "false",
        },
        Booleans = new HashSet<string> { "disabled" },
        DuplicateName = TrapMessages.DuplicateSecret,
        Validate = (state, key, value) => key switch
        {
            "service" when !Services.Contains(value) => (TrapMessages.NoMatchingValue(key), TrapMessages.ArgumentCategory),
            "profile" when state.Profiles.FindByName(value) is null => (TrapMessages.NoMatchingValue(key), TrapMessages.ArgumentCategory),
            _ => null,
        },
    });

    /// <summary>The values RouterOS offers for a secret's <c>service</c>.</summary>
    public static readonly IReadOnlySet<string> Services = new HashSet<string>(StringComparer.Ordinal)
    {
        "any", "async", "l2tp", "ovpn", "pppoe", "pptp", "sstp",
    };

    public static TableMenu Profile() => new("/ppp/profile", s => s.Profiles, new MenuRules
    {
        Writable = new HashSet<string>
        {
            "name", "rate-limit", "local-address", "remote-address", "only-one", "change-tcp-mss", "use-encryption",
            "comment", "dns-server", "address-list", "bridge", "incoming-filter", "outgoing-filter",
        },
        Defaults = new Dictionary<string, string>
        {
            ["only-one"] = "default",
            ["change-tcp-mss"] = "default",
            ["use-encryption"] = "default",
            ["default"] = "false",
        },
        DuplicateName = TrapMessages.DuplicateProfile,
        RemovalBlock = item => item.GetValueOrDefault("default") == "true" ? TrapMessages.BuiltInProfile : null,
    });

    /// <summary>Sessions appear through the test API (a client dialling in), so the menu only prints and disconnects.</summary>
    public static TableMenu Active() => new("/ppp/active", s => s.Active, new MenuRules
    {
        Present = (state, item) => new Dictionary<string, string>(item)
        {
            ["uptime"] = Uptime.Format(DateTimeOffset.UtcNow - state.ActiveSince.GetValueOrDefault(item[".id"], DateTimeOffset.UtcNow)),
        },
        OnRemoved = (state, item) => state.ActiveSince.Remove(item[".id"]),
    });
}
