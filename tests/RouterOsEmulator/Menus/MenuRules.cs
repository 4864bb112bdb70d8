using MikroNet.RouterOsEmulator.State;

namespace MikroNet.RouterOsEmulator.Menus;

/// <summary>What differs between the item menus; <see cref="Writable"/> null makes a menu print/remove only.</summary>
internal sealed record MenuRules
{
    public IReadOnlySet<string>? Writable { get; init; }

    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    public IReadOnlySet<string> Booleans { get; init; } = new HashSet<string>();

    public string DuplicateName { get; init; } = TrapMessages.DuplicateProfile;

    /// <summary>Checks one argument's value (key, value); returns the trap, or null.</summary>
    public Func<RouterState, string, string, (string Message, int? Category)?> Validate { get; init; } = (_, _, _) => null;

    /// <summary>Returns the trap that forbids removing the item, or null.</summary>
    public Func<IReadOnlyDictionary<string, string>, string?> RemovalBlock { get; init; } = _ => null;

    /// <summary>Adds computed fields (such as uptime) when printing.</summary>
    public Func<RouterState, Dictionary<string, string>, IReadOnlyDictionary<string, string>> Present { get; init; } = (_, item) => item;

    public Action<RouterState, Dictionary<string, string>> OnRemoved { get; init; } = (_, _) => { };
}
