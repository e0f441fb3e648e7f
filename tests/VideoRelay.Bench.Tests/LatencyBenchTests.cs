using VideoRelay.Bench.Latency;

namespace VideoRelay.Bench.Tests;

public sealed class LatencyBenchTests
{
    /// <summary>Every hop row the short RTMP run must print, with a count above zero.</summary>
    private static readonly string[] HopRows =
    [
        "publisher: capture → frame written into ffmpeg's pipe",
        "ingest: kernel receive → read by the reader",
        "ingest: read → demuxed",
        "ingest: receive → demuxed",
        "transcode 360p: start → end",
        "transcode 360p: ingest receive → encoded",
        "edge: demuxed/encoded → edge receive",
        "edge: edge receive → packetized",
        "edge: packetized → first packet sent",
        "ingest receive → edge first packet out",
        "capture → received by our viewer, source",
        "capture → received by our viewer, 360p",
    ];

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Short_run_prints_every_hop_with_samples()
    {
        string outFolder = Directory.CreateTempSubdirectory("vr-bench-latency-").FullName;
        try
        {
            using var output = new StringWriter();
            int rc = await LatencyBench.RunAsync(
                ["--seconds", "5", "--warmup", "1", "--viewers", "1", "--out", outFolder], output, CancellationToken.None);
            string text = output.ToString();

            Assert.True(rc == 0, text);
            string[] lines = text.Split('\n');
            foreach (string hop in HopRows)
            {
                string? row = lines.FirstOrDefault(l => l.StartsWith(hop, StringComparison.Ordinal));
                Assert.True(row is not null, $"no row '{hop}' in:\n{text}");
                long count = long.Parse(row[LatencyTable.LabelWidth..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
                Assert.True(count > 0, $"row '{hop}' has no samples:\n{text}");
            }
            Assert.Contains("map mismatches 0", text);
            Assert.NotEmpty(Directory.GetFiles(outFolder, "*.hgrm", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(outFolder, recursive: true);
        }
    }

    [Fact]
    public void Options_parse_and_refuse_unknown_flags()
    {
        Assert.True(LatencyBenchOptions.TryParse(["--seconds", "7", "--protocol", "srt", "--viewers", "2", "--chromium", "--size", "640x360"],
            out LatencyBenchOptions o, out _));
        Assert.Equal(7, o.Seconds);
        Assert.Equal("srt", o.Protocol);
        Assert.Equal(2, o.Viewers);
        Assert.True(o.Chromium);
        Assert.Equal(640, o.Width);
        Assert.Equal(360, o.Height);
        Assert.False(LatencyBenchOptions.TryParse(["--protocol", "webrtc"], out _, out string error));
        Assert.Contains("--protocol", error);
        Assert.False(LatencyBenchOptions.TryParse(["--frobnicate"], out _, out _));
    }

    [Fact]
    public void Docs_block_between_the_markers_is_replaced_and_the_rest_kept()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $"intro\n{LatencyDocs.BeginMarker}\nold figures\n{LatencyDocs.EndMarker}\noutro\n");
            Assert.True(LatencyDocs.TryUpdate(path, "new figures\n", out _));
            Assert.Equal($"intro\n{LatencyDocs.BeginMarker}\nnew figures\n{LatencyDocs.EndMarker}\noutro\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Timecode_maps_back_to_its_frame_index()
    {
        var log = new CaptureLog(1_700_000_000_000_000_000, 30, 100);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i, log.IndexOfTimecode(log.ScheduledUnixNs(i) / 1_000_000));
        }
        Assert.Equal(-1, log.IndexOfTimecode(log.ScheduledUnixNs(10) / 1_000_000 + 16));
    }
}
