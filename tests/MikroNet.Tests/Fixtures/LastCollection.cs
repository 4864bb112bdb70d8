using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("MikroNet.Tests.Fixtures.LastCollectionOrderer", "MikroNet.Tests")]

namespace MikroNet.Tests.Fixtures;

/// <summary>
/// Tests that judge what the whole suite did (OpenAPI coverage). xunit runs collections that disable parallelization
/// after all the others; the orderer keeps it last even when the run is not parallel at all.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LastCollection
{
    public const string Name = "After every other test";
}

public sealed class LastCollectionOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == LastCollection.Name).ThenBy(c => c.UniqueID);
}
