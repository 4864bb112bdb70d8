namespace MikroNet.Host;

/// <summary>A console logger for the steps that run before the host (and its logging) is built.</summary>
internal static class BootLog
{
    public static ILogger Create() =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)).CreateLogger("MikroNet.Boot");
}
