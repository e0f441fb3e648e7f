using VideoRelay.Core.Media;

namespace VideoRelay.Transcode.Tests;

[Trait("Category", "EndToEnd")]
public sealed class TranscoderLadderTests
{
    private static readonly TranscoderOptions s_testOptions = new()
    {
        Preset = "ultrafast",
        EncoderQueueCapacity = 64, // feed faster than real time without drops
        InputQueueCapacity = 128,
    };

    private static RecordingOutput Run(List<byte[]> units, CodecConfig config, TranscoderOptions options, bool withSei, Action<Transcoder, int>? beforeFrame = null)
    {
        RecordingOutput output = new();
        using (var pool = TestMedia.CreatePool())
        {
            using (Transcoder transcoder = new(options, pool, output))
            {
                transcoder.SetVideoConfig(config);
                for (int i = 0; i < units.Count; i++)
                {
                    beforeFrame?.Invoke(transcoder, i);
                    byte[] unit = withSei ? Prepend(H264Bitstream.MakeSei(i), units[i]) : units[i];
                    MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, unit, 9000 + i * 3000L, config, TestMedia.IsKeyframeUnit(units[i]));
                    Assert.True(transcoder.TrySubmitVideo(frame));
                    frame.Release();
                }
            }
        }
        return output;

        static byte[] Prepend(byte[] sei, byte[] unit) => [.. H264Bitstream.ToAvcc([sei]), .. unit];
    }

    [Fact]
    public void Ffmpeg_720p_source_produces_the_default_ladder_aligned_with_sei_and_timing()
    {
        var (units, config) = TestMedia.FfmpegClip(1.0, bFrames: 0);
        Assert.Equal(30, units.Count);
        Assert.True(Transcoder.IsWebRtcSafe(config)); // -bf 0: the VUI promises no reordering

        RecordingOutput output = Run(units, config, s_testOptions, withSei: true);

        Assert.Equal([1, 2, 3], output.Video.Keys.Order());
        (int W, int H)[] sizes = [(1280, 720), (854, 480), (640, 360)];
        List<long>? keyPts = null;
        for (int r = 1; r <= 3; r++)
        {
            var frames = output.Video[r];
            Assert.Equal(30, frames.Count);
            var (pictures, depth) = TestMedia.Decode(frames.Select(f => f.Payload));
            Assert.Equal(30, pictures.Count);
            Assert.All(pictures, p => Assert.Equal(sizes[r - 1], p));
            Assert.Equal(0, depth);
            Assert.All(frames, f => Assert.Equal(f.Frame.Pts, f.Frame.Dts));
            Assert.Equal(Enumerable.Range(0, 30).Select(i => 9000 + i * 3000L), frames.Select(f => f.Frame.Pts));
            Assert.All(frames, f => Assert.Equal(r, f.Frame.RenditionId));
            Assert.All(frames, f => Assert.True(f.Frame.Timing.Has(Hop.Capture) && f.Frame.Timing.Has(Hop.TranscodeStart) && f.Frame.Timing.Has(Hop.TranscodeEnd)));

            // SEI of the source, before the first slice, in every access unit.
            for (int i = 0; i < frames.Count; i++)
            {
                var nals = H264Bitstream.SplitAvcc(frames[i].Payload);
                int sei = nals.FindIndex(n => n.AsSpan().SequenceEqual(H264Bitstream.MakeSei(i)));
                int slice = nals.FindIndex(n => (n[0] & 0x1f) is 1 or 5);
                Assert.InRange(sei, 0, slice - 1);
            }

            // Config announced and a WebRTC-safe (baseline) SPS.
            CodecConfig outConfig = Assert.Single(output.VideoConfigs[r]);
            Assert.True(Transcoder.IsWebRtcSafe(outConfig));
            Assert.True(H264SpsReader.TryRead(outConfig.Sps, out H264SpsInfo info));
            Assert.Equal((sizes[r - 1].W, sizes[r - 1].H), (info.Width, info.Height));

            List<long> keys = frames.Where(f => f.Frame.IsKeyframe).Select(f => f.Frame.Pts).ToList();
            Assert.Equal(keys, frames.Where(f => TestMedia.IsKeyframeUnit(f.Payload)).Select(f => f.Frame.Pts));
            keyPts ??= keys;
            Assert.Equal(keyPts, keys); // aligned across renditions
        }
        // Source keyframes every 15 frames: the renditions keyframe on the same pictures.
        Assert.Equal([9000L, 9000 + 15 * 3000L], keyPts);
    }

    [Fact]
    public void B_frame_source_is_flagged_and_transcoded_without_b_frames()
    {
        var (units, config) = TestMedia.FfmpegClip(1.0, bFrames: 2, size: "640x360");
        Assert.False(Transcoder.IsWebRtcSafe(config));
        RecordingOutput output = new();
        bool flagged;
        using (var pool = TestMedia.CreatePool())
        {
            Transcoder transcoder = new(s_testOptions, pool, output);
            using (transcoder)
            {
                for (int i = 0; i < units.Count; i++)
                {
                    MediaFrame frame = TestMedia.Frame(pool, CodecId.H264, units[i], i * 3000L, config, TestMedia.IsKeyframeUnit(units[i]));
                    Assert.True(transcoder.TrySubmitVideo(frame));
                    frame.Release();
                }
            }
            flagged = transcoder.SourceHasBFrames; // after Dispose: everything queued was decoded
        }
        Assert.True(flagged);
        var frames = output.Video[1]; // 360p only (640x360 source)
        Assert.Equal([1], output.Video.Keys);
        Assert.InRange(frames.Count, units.Count - 3, units.Count); // the decoder keeps its reorder depth
        var (pictures, depth) = TestMedia.Decode(frames.Select(f => f.Payload));
        Assert.Equal(frames.Count, pictures.Count);
        Assert.Equal(0, depth);
        Assert.All(frames, f => Assert.Equal(f.Frame.Pts, f.Frame.Dts));
        Assert.True(Transcoder.IsWebRtcSafe(Assert.Single(output.VideoConfigs[1])));
    }
}
