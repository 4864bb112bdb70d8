namespace MikroNet.Infrastructure.Storage;

/// <summary>Resolves relative data folders against the repository root, so `dotnet run --project src/Host`
/// and the CLI verbs find the same `.data` wherever they are started from.</summary>
public static class DataPaths
{
    public static string Resolve(string path, string contentRoot) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(RepositoryRoot(contentRoot), path));

    private static string RepositoryRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MikroNet.sln"))) return dir.FullName;
        }
        return contentRoot;
    }
}
