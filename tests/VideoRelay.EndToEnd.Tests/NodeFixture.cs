namespace VideoRelay.EndToEnd.Tests;

/// <summary>One all-in-one node (with the demo source) and one browser shared by the player tests.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    internal TestNode Node { get; } = new();
    internal Browsers Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.StartAsync();
        Browser = await Browsers.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Node.DisposeAsync();
    }
}

[CollectionDefinition("node")]
public sealed class NodeCollection : ICollectionFixture<NodeFixture>;
