using System.Text.Json;

namespace VideoRelay.EndToEnd.Tests;

[Collection("node")]
[Trait("Category", "EndToEnd")]
public sealed class PublishTests(NodeFixture fixture)
{
    [Fact]
    public async Task A_publisher_reconnecting_within_the_grace_period_keeps_its_viewers()
    {
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/flaky");
        await using (var first = Ffmpeg.PublishTestPattern(fixture.Node.RtmpUrl("flaky"), seconds: 4, size: "640x360"))
        {
            Assert.True(await page.WaitForStatusAsync("playing", TimeSpan.FromSeconds(20)), $"status {await page.StatusAsync()}; {first.Stderr}");
            Assert.Equal(0, await first.WaitAsync(TimeSpan.FromSeconds(20)));
        }
        double timeWhenPublisherLeft = (await page.VideoAsync()).Time;
        JsonElement streams = await fixture.Node.GetJsonAsync("/api/streams");
        Assert.Contains(streams.EnumerateArray(), s => s.GetProperty("name").GetString() == "flaky" && !s.GetProperty("live").GetBoolean());

        await using var second = Ffmpeg.PublishTestPattern(fixture.Node.RtmpUrl("flaky"), seconds: 20, size: "640x360");
        bool resumed = await page.WaitForAsync(async () => (await page.VideoAsync()).Time > timeWhenPublisherLeft + 2, TimeSpan.FromSeconds(20));
        Assert.True(resumed, $"video did not resume for the same viewer; status {await page.StatusAsync()}");
        Assert.Equal("playing", await page.StatusAsync());
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task A_stream_published_over_srt_plays_in_the_browser()
    {
        string url = $"srt://127.0.0.1:{fixture.Node.SrtPort}?streamid=publish:srtcam&latency=40000&linger=1";
        await using var ffmpeg = Ffmpeg.PublishTestPattern(url, seconds: 30, format: "mpegts", size: "640x360");
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/srtcam");
        Assert.True(await page.WaitForStatusAsync("playing", TimeSpan.FromSeconds(20)), $"status {await page.StatusAsync()}; ffmpeg: {ffmpeg.Stderr}");
        Assert.True(await page.WaitForAsync(async () => (await page.VideoAsync()).Width == 640, TimeSpan.FromSeconds(10)));
        JsonElement streams = await fixture.Node.GetJsonAsync("/api/streams");
        Assert.Contains(streams.EnumerateArray(), s => s.GetProperty("name").GetString() == "srtcam" && s.GetProperty("protocol").GetString() == "srt");
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task An_encoder_with_b_frames_is_transcoded_and_its_source_never_passed_through()
    {
        await using var ffmpeg = Ffmpeg.PublishTestPattern(fixture.Node.RtmpUrl("bframes"), seconds: 30, size: "640x360", extraVideo: "-bf 2");
        bool ready = await TestNode.WaitUntilAsync(async () =>
        {
            JsonElement streams = await fixture.Node.GetJsonAsync("/api/streams");
            return streams.EnumerateArray().Any(s => s.GetProperty("name").GetString() == "bframes" && s.GetProperty("renditions").GetArrayLength() > 0);
        }, TimeSpan.FromSeconds(20));
        Assert.True(ready, ffmpeg.Stderr);
        JsonElement list = await fixture.Node.GetJsonAsync("/api/streams");
        JsonElement stream = list.EnumerateArray().First(s => s.GetProperty("name").GetString() == "bframes");
        Assert.DoesNotContain(stream.GetProperty("renditions").EnumerateArray(), r => r.GetProperty("name").GetString() == "source");
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/bframes");
        Assert.True(await page.WaitForStatusAsync("playing", TimeSpan.FromSeconds(20)), $"status {await page.StatusAsync()}");
        await page.Page.CloseAsync();
    }
}
