using GraphQL;
using GraphQL.Utilities;
using MikroNet.Features.Graph;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Graph;

public sealed class SchemaFileTests(GraphFixture app) : IClassFixture<GraphFixture>
{
    /// <summary>
    /// schema.graphql at the repository root is the contract frontends read; when the live schema differs, the
    /// file is rewritten (so the change shows in the diff) and the test fails until it is committed.
    /// </summary>
    [Fact]
    public void SchemaFile_EqualsLiveSchema()
    {
        var schema = app.Host.Services.GetRequiredService<GraphSchema>();
        schema.Initialize();
        var live = schema.Print(new PrintOptions { IncludeDescriptions = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";

        var path = Path.Combine(RepositoryRoot(), "schema.graphql");
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (committed != live) File.WriteAllText(path, live);

        committed.ShouldBe(live, "schema.graphql was out of date and has been rewritten; review and commit it.");
    }

    [Fact]
    public void Schema_HasNoSecrets()
    {
        var printed = app.Host.Services.GetRequiredService<GraphSchema>().Print();

        printed.ShouldNotContain("password", Case.Insensitive);
        printed.ShouldNotContain("Protected");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MikroNet.sln"))) return dir.FullName;
        throw new InvalidOperationException("MikroNet.sln not found above " + AppContext.BaseDirectory);
    }
}
