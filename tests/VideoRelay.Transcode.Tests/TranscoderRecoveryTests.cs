using VideoRelay.Core.Media;

namespace VideoRelay.Transcode.Tests;

public sealed class TranscoderRecoveryTests
{
    private static readonly TranscoderOptions s_options = new()
    {
        Preset = "ultrafast",
        Renditions = [new("360p", 360, 600_000), new("180p", 180, 200_000)],
        EncoderQueueCapacity = 64,
        InputQueueCapacity = 128,
        GopSeconds = 10,
    };

    [Fact]
    public void Corrupt_input_is_counted_and_output_resumes_at_the_next_keyframe()
    {
        var (units, config) = TestMedia.OwnClip(640, 360, 45, i => i % 20 == 0);
        // Frame 25: a length prefix past the end. Frame 26: garbage slice data.
        units[25] = [0x00, 0x10, 0x00, 0x00, 0x65, 1, 2, 3];
        byte[] garbled = (byte[])units[26].Clone();
        for (int i = 12; i < garbled.Length; i += 3)
        {
            garbled[i] ^= 0x5a;
        }
        units[26] = garbled;

        RecordingOutput output = new();
        long errors, dropped;
        using (var pool = TestMedia.CreatePool())
        {
            Transcoder transcoder = new(s_options, pool, output);
            using (transcoder)
            {
                for (int i = 0; i < units.Count; i++)
                {
                    MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, units[i], i * 3000L, config, i % 20 == 0);
                    Assert.True(transcoder.TrySubmitVideo(frame));
                    frame.Release();
                }
            }
            errors = transcoder.DecodeErrors; // after Dispose: everything queued was decoded
            dropped = transcoder.PicturesDropped;
        }
        Assert.True(errors >= 1, $"decode errors {errors}");
        foreach (int r in new[] { 1, 2 })
        {
            var frames = output.Video[r];
            long[] pts = frames.Select(f => f.Frame.Pts).ToArray();
            // Everything before the damage, nothing between it and the keyframe at 40, everything after.
            Assert.Equal(Enumerable.Range(0, 25).Select(i => i * 3000L), pts.Where(p => p < 25 * 3000));
            Assert.DoesNotContain(pts, p => p > 26 * 3000 && p < 40 * 3000);
            Assert.Equal(Enumerable.Range(40, 5).Select(i => i * 3000L), pts.Where(p => p >= 40 * 3000));
            Assert.True(frames.Single(f => f.Frame.Pts == 40 * 3000).Frame.IsKeyframe);
            var (pictures, _) = TestMedia.Decode(frames.Select(f => f.Payload));
            Assert.Equal(frames.Count, pictures.Count);
        }
        Assert.True(dropped >= 10, $"pictures dropped {dropped}");
    }

    [Fact]
    public void Keyframe_request_applies_to_the_same_picture_in_every_rendition()
    {
        var (units, config) = TestMedia.OwnClip(640, 360, 20, i => i == 0);
        RecordingOutput output = new();
        using (var pool = TestMedia.CreatePool())
        {
            using Transcoder transcoder = new(s_options, pool, output);
            for (int i = 0; i < units.Count; i++)
            {
                if (i == 10)
                {
                    // Let the decoder catch up so the request lands on picture 10.
                    SpinWait.SpinUntil(() => transcoder.FramesDecoded == 10, 5000);
                    transcoder.RequestKeyframe();
                }
                MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, units[i], i * 3000L, config, i == 0);
                Assert.True(transcoder.TrySubmitVideo(frame));
                frame.Release();
            }
            transcoder.Dispose();
        }
        foreach (int r in new[] { 1, 2 })
        {
            long[] keys = output.Video[r].Where(f => f.Frame.IsKeyframe).Select(f => f.Frame.Pts).ToArray();
            Assert.Equal([0L, 10 * 3000L], keys);
            Assert.Equal(20, output.Video[r].Count);
        }
        Assert.Equal((640, 360), (output.Video[1][0].Frame.Config!.Width, output.Video[1][0].Frame.Config!.Height));
        Assert.Equal((320, 180), (output.Video[2][0].Frame.Config!.Width, output.Video[2][0].Frame.Config!.Height));
    }

    [Fact]
    public void Pool_reports_no_leaked_leases_after_dispose()
    {
        var (units, config) = TestMedia.OwnClip(320, 180, 5, i => i == 0);
        var pool = TestMedia.CreatePool();
        RecordingOutput output = new();
        using (Transcoder transcoder = new(s_options with { Renditions = [new("180p", 180, 200_000)] }, pool, output))
        {
            foreach (byte[] unit in units)
            {
                MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, unit, 0, config, false);
                transcoder.TrySubmitVideo(frame);
                frame.Release();
            }
        }
        Assert.Equal(5, output.Video[1].Count);
        pool.Dispose(); // diagnostic pool: throws if any lease is still rented
    }
}
