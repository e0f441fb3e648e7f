namespace VideoRelay.MultiHost.Tests;

/// <summary>Every multi-host test shares one network and cluster, and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "multi-host cluster";
}
