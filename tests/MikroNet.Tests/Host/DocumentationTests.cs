using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

/// <summary>A clone is all a reader has: the README and docs/ must not point outside the repository.</summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void Links_InReadmeAndDocs_ResolveInsideTheRepository()
    {
        var root = RepositoryRoot();
        var documents = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md"));
        var broken = new List<string>();
        foreach (var document in documents)
        {
            var text = File.ReadAllText(document);
            foreach (Match link in RelativeLink().Matches(text))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0) continue;
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target));
                if (!resolved.StartsWith(root + Path.DirectorySeparatorChar) || !Path.Exists(resolved))
                    broken.Add($"{Path.GetFileName(document)}: {link.Value}");
            }
            if (text.Contains("../shared")) broken.Add($"{Path.GetFileName(document)}: mentions ../shared");
        }
        broken.ShouldBeEmpty();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MikroNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MikroNet.sln not found above " + AppContext.BaseDirectory);
    }

    // Markdown links whose target is not a URL: [text](path) and [text](path#anchor).
    [GeneratedRegex(@"\]\((?<target>(?!https?:|mailto:)[^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
