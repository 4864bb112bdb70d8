using System.Globalization;
using MikroNet.RouterOsEmulator.State;
using MikroNet.RouterOsEmulator.Wire;

namespace MikroNet.RouterOsEmulator.Menus;

internal sealed class IdentityMenu : IMenu
{
    public string Path => "/system/identity";

    public List<string[]>? Execute(string verb, Request request, RouterState state, EmulatorOptions options)
    {
        switch (verb)
        {
            case "print" or "getall":
                return PrintCommand.Run([new Dictionary<string, string> { ["name"] = state.Identity }], request, options);
            case "set":
                if (request.Get("name") is { Length: > 0 } name)
                {
                    state.Identity = name;
                }

                return [Reply.Done()];
            default:
                return null;
        }
    }
}

internal sealed class ResourceMenu : IMenu
{
    public string Path => "/system/resource";

    public List<string[]>? Execute(string verb, Request request, RouterState state, EmulatorOptions options) => verb switch
    {
        "print" or "getall" => PrintCommand.Run([Resource(state, options)], request, options),
        _ => null,
    };

    private static Dictionary<string, string> Resource(RouterState state, EmulatorOptions options) => new()
    {
        ["uptime"] = Uptime.Format(DateTimeOffset.UtcNow - state.BootedAt),
        ["version"] = state.Text.ToWire(options.Version),
        ["build-time"] = "2025-06-12 10:20:42",
        ["factory-software"] = "7.1",
        ["free-memory"] = "912248832",
        ["total-memory"] = "1073741824",
        ["cpu"] = "QEMU",
        ["cpu-count"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["cpu-frequency"] = "2400",
        ["cpu-load"] = "1",
        ["free-hdd-space"] = "81920000",
        ["total-hdd-space"] = "94371840",
        ["architecture-name"] = "x86_64",
        ["board-name"] = state.Text.ToWire(options.BoardName),
        ["platform"] = "MikroTik",
    };
}
