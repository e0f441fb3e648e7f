using System.Text.Json;

namespace VideoRelay.EndToEnd.Tests;

[Collection("node")]
[Trait("Category", "EndToEnd")]
public sealed class PlayerTests(NodeFixture fixture)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Demo_plays_with_timecode_read_and_glass_to_glass_below_a_second()
    {
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/demo?stats=1");
        Assert.True(await page.WaitForStatusAsync("playing", Startup), $"status {await page.StatusAsync()}");
        var (width, height, t0) = await page.VideoAsync();
        await Task.Delay(4000);
        var (_, _, t1) = await page.VideoAsync();
        JsonElement stats = await page.StatsAsync();

        Assert.Equal((1280, 720), (width, height));
        Assert.True(t1 - t0 > 2.5, $"video time advanced only {t1 - t0:F2} s in 4 s");
        Assert.True(stats.GetProperty("timecodeRate").GetDouble() >= 0.95, $"timecode read on {stats.GetProperty("timecodeRate")} of frames");
        double p50 = stats.GetProperty("latencyP50Ms").GetDouble();
        Assert.InRange(p50, 0.1, 1000);
        Assert.True(stats.GetProperty("audioPacketsReceived").GetInt32() > 50, "audio packets did not arrive");
        // Chromium offers encoded insertable streams: the player reads the SEI capture time before decoding too
        Assert.True(stats.GetProperty("seiFrames").GetInt32() > 30, "the player read no SEI timestamps");
        Assert.InRange(stats.GetProperty("seiLatencyP50Ms").GetDouble(), 0.1, 1000);
        Assert.True(stats.GetProperty("fps").GetDouble() > 20, $"fps {stats.GetProperty("fps")}");
        string text = await page.TextAsync();
        Assert.Contains("1280×720", text); // the overlay shows the resolution
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task Player_beacons_reach_metrics_and_the_latency_report()
    {
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/demo");
        Assert.True(await page.WaitForStatusAsync("playing", Startup));
        bool reported = await TestNode.WaitUntilAsync(async () =>
        {
            string metrics = await fixture.Node.Http.GetStringAsync(fixture.Node.BaseUrl + "/metrics");
            return metrics.Contains("videorelay_glass_to_glass_seconds_count{stream=\"demo\"");
        }, TimeSpan.FromSeconds(10));
        await page.Page.CloseAsync();
        Assert.True(reported, "no glass-to-glass summary in /metrics after the player's beacons");
        JsonElement latency = await fixture.Node.GetJsonAsync("/api/latency");
        Assert.Contains(latency.EnumerateArray(), r => r.GetProperty("scope").GetString()!.StartsWith("viewer/") && r.GetProperty("count").GetInt64() > 0);
        Assert.Contains(latency.EnumerateArray(), r => r.GetProperty("hop").GetString() == "FirstPacketSent");
    }

    [Fact]
    public async Task Choosing_a_rendition_changes_the_video_size()
    {
        await TestNode.WaitUntilAsync(async () =>
        {
            JsonElement streams = await fixture.Node.GetJsonAsync("/api/streams");
            return streams.EnumerateArray().Any(s => s.GetProperty("renditions").EnumerateArray().Any(r => r.GetProperty("name").GetString() == "360p"));
        }, Startup);
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/demo?rendition=360p");
        Assert.True(await page.WaitForStatusAsync("playing", Startup), $"status {await page.StatusAsync()}");
        Assert.True(await page.WaitForAsync(async () => (await page.VideoAsync()).Width == 640, TimeSpan.FromSeconds(10)));
        Assert.Equal(360, (await page.VideoAsync()).Height);
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_stream_shows_not_found()
    {
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/nosuchstream");
        Assert.True(await page.WaitForStatusAsync("not-found", TimeSpan.FromSeconds(10)), $"status {await page.StatusAsync()}");
        Assert.Contains("not found", (await page.TextAsync()).ToLowerInvariant());
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task A_stream_published_by_ffmpeg_over_rtmp_plays_in_the_browser()
    {
        await using var ffmpeg = Ffmpeg.PublishTestPattern(fixture.Node.RtmpUrl("cam1"), seconds: 30, size: "640x360");
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/watch/cam1");
        Assert.True(await page.WaitForStatusAsync("playing", Startup), $"status {await page.StatusAsync()}; ffmpeg: {ffmpeg.Stderr}");
        Assert.True(await page.WaitForAsync(async () => (await page.VideoAsync()).Width == 640, TimeSpan.FromSeconds(10)));
        var (_, _, t0) = await page.VideoAsync();
        await Task.Delay(2000);
        Assert.True((await page.VideoAsync()).Time - t0 > 1, "video is not advancing");
        await page.Page.CloseAsync();
    }

    [Fact]
    public async Task The_stream_list_shows_live_streams()
    {
        var page = await PlayerPage.OpenAsync(fixture.Browser.Context, fixture.Node.BaseUrl + "/");
        Assert.True(await page.WaitForAsync(async () => (await page.TextAsync()).Contains("demo"), TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await page.Page.Locator("a[href='/watch/demo']").CountAsync());
        await page.Page.CloseAsync();
    }
}
