namespace VideoRelay.EndToEnd.Tests;

[Collection("node")]
[Trait("Category", "EndToEnd")]
public sealed class ReconnectTests(NodeFixture fixture)
{
    [Fact]
    public async Task The_player_reconnects_by_itself_after_the_node_restarts()
    {
        await using var node = new TestNode("--Demo:Width=640", "--Demo:Height=360");
        await node.StartAsync();
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, node.BaseUrl + "/watch/demo");
        Assert.True(await page.WaitForStatusAsync("playing", TimeSpan.FromSeconds(20)), $"status {await page.StatusAsync()}");

        await node.StopAsync();
        Assert.True(await page.WaitForAsync(async () => await page.StatusAsync() != "playing", TimeSpan.FromSeconds(15)), "player did not notice the node going away");

        await node.StartAsync();
        Assert.True(await page.WaitForStatusAsync("playing", TimeSpan.FromSeconds(30)), $"status after restart {await page.StatusAsync()}");
        var (_, _, t0) = await page.VideoAsync();
        await Task.Delay(1500);
        Assert.True((await page.VideoAsync()).Time > t0, "video not advancing after reconnect");
        await page.Page.CloseAsync();
    }
}
