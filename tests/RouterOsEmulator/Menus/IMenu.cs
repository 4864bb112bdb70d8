using MikroNet.RouterOsEmulator.State;
using MikroNet.RouterOsEmulator.Wire;

namespace MikroNet.RouterOsEmulator.Menus;

internal interface IMenu
{
    string Path { get; }

    /// <summary>The reply sentences, or null when the menu has no such verb. Runs under <see cref="RouterState.Sync"/>.</summary>
    List<string[]>? Execute(string verb, Request request, RouterState state, EmulatorOptions options);
}
