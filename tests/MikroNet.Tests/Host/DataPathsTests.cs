using MikroNet.Infrastructure.Storage;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

public sealed class DataPathsTests
{
    private const string Machine = "/var/lib/mikronet";

    [Fact]
    public void Resolve_InACheckout_IsBelowTheCheckoutRoot()
    {
        var checkout = Path.Combine(Path.GetTempPath(), "mikronet-checkout-" + Guid.NewGuid().ToString("N")[..8]);
        var executable = Path.Combine(checkout, "src", "Host", "bin");
        Directory.CreateDirectory(executable);
        File.WriteAllText(Path.Combine(checkout, "MikroNet.sln"), "");
        try
        {
            DataPaths.Resolve(".data/postgres", executable, Machine).ShouldBe(Path.Combine(checkout, ".data", "postgres"));
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    [Theory]
    [InlineData(".data/postgres", "/var/lib/mikronet/postgres")]
    [InlineData(".data", "/var/lib/mikronet")]
    [InlineData("cluster", "/var/lib/mikronet/cluster")]
    [InlineData("/srv/mikronet/pg", "/srv/mikronet/pg")]
    public void Resolve_PublishedBuild_IsBelowTheMachineDataFolderNeverTheCurrentDirectory(string configured, string expected)
    {
        var published = Path.Combine(Path.GetTempPath(), "mikronet-published-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(published);
        try
        {
            DataPaths.Resolve(configured, published, Machine).ShouldBe(expected);
        }
        finally
        {
            Directory.Delete(published);
        }
    }
}
