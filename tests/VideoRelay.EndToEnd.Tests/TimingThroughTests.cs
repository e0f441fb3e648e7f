using System.Text.Json;
using VideoRelay.Core.Timing;
using VideoRelay.TestSource;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.EndToEnd.Tests;

[Collection("node")]
[Trait("Category", "EndToEnd")]
public sealed class TimingThroughTests(NodeFixture fixture)
{
    [Theory]
    [InlineData("source")]
    [InlineData("360p")]
    public async Task The_capture_timestamp_in_SEI_reaches_a_WebRTC_viewer_unchanged(string rendition)
    {
        await TestNode.WaitUntilAsync(async () =>
        {
            JsonElement streams = await fixture.Node.GetJsonAsync("/api/streams");
            return streams.EnumerateArray().Any(s => s.GetProperty("renditions").EnumerateArray().Any(r => r.GetProperty("name").GetString() == rendition));
        }, TimeSpan.FromSeconds(20));
        var url = new Uri($"{fixture.Node.BaseUrl}/whep/demo?rendition={rendition}");
        await using WhepViewer viewer = await WhepViewer.ConnectAsync(url, new WhepViewerOptions());
        // A new viewer first gets the cached GOP (up to 2 s of older frames, at once), then live frames.
        List<ReceivedFrame> frames = (await viewer.ReadFramesAsync(MediaKind.Video, 120, TimeSpan.FromSeconds(20)))
            .Where(f => f.Kind == MediaKind.Video).ToList();
        Assert.True(frames.Count >= 120, $"only {frames.Count} video frames arrived");

        var latencies = new List<double>();
        uint? previousCounter = null;
        int withSei = 0;
        foreach (ReceivedFrame frame in frames)
        {
            if (!SeiTimestamp.TryFindInAccessUnit(frame.Payload, out long captureMs, out uint counter))
            {
                continue;
            }
            withSei++;
            double ms = frame.ReceivedUnixNs / 1e6 - captureMs;
            latencies.Add(ms);
            if (previousCounter is { } p)
            {
                Assert.True(counter > p, $"frame counters out of order: {p} then {counter}");
            }
            previousCounter = counter;
        }
        Assert.True(withSei >= frames.Count - 1, $"only {withSei} of {frames.Count} access units carried the SEI timestamp");
        List<double> live = latencies.Skip(latencies.Count - 30).Order().ToList(); // past the GOP burst
        double median = live[live.Count / 2];
        latencies.Sort();
        // capture → received by our client on loopback: positive, and well under a second once past the GOP start
        Assert.InRange(median, 0.0, 500.0);
        Assert.InRange(latencies[0], 0.0, double.MaxValue);
    }
}
