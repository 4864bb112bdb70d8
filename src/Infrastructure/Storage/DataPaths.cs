namespace MikroNet.Infrastructure.Storage;

/// <summary>
/// Where relative data folders (`.data`, `.data/postgres`) live. In a checkout (the executable lies below a folder
/// holding MikroNet.sln) that is the checkout's root, so `dotnet run --project src/Host` and the CLI verbs find the
/// same `.data` wherever they are started from. A published build keeps its data in the machine's data folder
/// instead: `/var/lib/mikronet` as root, else `$XDG_DATA_HOME/mikronet` (`~/.local/share/mikronet`), with `.data`
/// standing for that folder itself. Never the current directory.
/// </summary>
public static class DataPaths
{
    private const string CheckoutDataFolder = ".data";

    public static string Resolve(string path) => Resolve(path, AppContext.BaseDirectory, MachineDataFolder());

    public static string Resolve(string path, string executableDirectory, string machineDataFolder)
    {
        if (Path.IsPathRooted(path)) return path;
        if (CheckoutRoot(executableDirectory) is { } checkout) return Path.GetFullPath(Path.Combine(checkout, path));

        var segments = path.Split('/', '\\');
        var rest = segments[0] == CheckoutDataFolder ? Path.Combine(segments[1..]) : path;
        return Path.GetFullPath(Path.Combine(machineDataFolder, rest));
    }

    private static string MachineDataFolder() => Environment.UserName == "root"
        ? "/var/lib/mikronet"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.DoNotVerify), "mikronet");

    private static string? CheckoutRoot(string executableDirectory)
    {
        for (var dir = new DirectoryInfo(executableDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MikroNet.sln"))) return dir.FullName;
        }
        return null;
    }
}
