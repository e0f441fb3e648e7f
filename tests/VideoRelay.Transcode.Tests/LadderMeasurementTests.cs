using System.Diagnostics;
using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using Xunit.Abstractions;

namespace VideoRelay.Transcode.Tests;

/// <summary>
/// Quick figures for the report (the real benchmark lives in bench/): a 2 s 720p30 clip through the
/// default ladder (superfast), paced at real time, then as fast as it goes.
/// Run: dotnet test tests/VideoRelay.Transcode.Tests --filter "FullyQualifiedName~LadderMeasurement" --logger "console;verbosity=detailed"
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LadderMeasurementTests(ITestOutputHelper log)
{
    [Fact]
    public void Default_ladder_720p30_encode_times_and_real_time_factor()
    {
        var (units, config) = TestMedia.FfmpegClip(2.0, bFrames: 0);

        // Paced at 30 fps with the default options (queues of 4: a late encoder drops).
        RecordingOutput output = new();
        Transcoder transcoder;
        using (var pool = TestMedia.CreatePool())
        {
            transcoder = new(new TranscoderOptions(), pool, output);
            using (transcoder)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < units.Count; i++)
                {
                    while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < i * 1000.0 / 30)
                    {
                        Thread.Sleep(1);
                    }
                    MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, units[i], i * 3000L, config, TestMedia.IsKeyframeUnit(units[i]));
                    transcoder.TrySubmitVideo(frame);
                    frame.Release();
                }
            }
        }
        log.WriteLine($"paced 720p30, {units.Count} frames, {Environment.ProcessorCount} cores:");
        foreach (RenditionStats r in transcoder.Renditions)
        {
            LatencySummary e = r.EncodeTime.Summarize(), l = r.Latency.Summarize();
            log.WriteLine($"  {r.Name} {r.Width}x{r.Height}: out {r.FramesOut}/{r.FramesIn} dropped {r.Dropped}; " +
                $"scale+encode p50 {e.P50 / 1e6:F2} ms p99 {e.P99 / 1e6:F2} ms; start→end p50 {l.P50 / 1e6:F2} ms p99 {l.P99 / 1e6:F2} ms");
            Assert.True(r.FramesOut > units.Count / 2);
        }

        // Unpaced with deep queues: how much faster than real time the whole ladder runs.
        RecordingOutput fast = new();
        long elapsed;
        using (var pool = TestMedia.CreatePool())
        {
            long start = Stopwatch.GetTimestamp();
            using (Transcoder t = new(new TranscoderOptions { EncoderQueueCapacity = 64, InputQueueCapacity = 128 }, pool, fast))
            {
                for (int i = 0; i < units.Count; i++)
                {
                    MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, units[i], i * 3000L, config, TestMedia.IsKeyframeUnit(units[i]));
                    Assert.True(t.TrySubmitVideo(frame));
                    frame.Release();
                }
            }
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        double seconds = elapsed / (double)Stopwatch.Frequency;
        log.WriteLine($"unpaced: {units.Count} frames × 3 renditions in {seconds * 1000:F0} ms → real-time factor {units.Count / 30.0 / seconds:F2}×");
        Assert.Equal(units.Count, fast.Video[3].Count);
    }
}
