using System.Diagnostics;
using System.Globalization;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;

namespace VideoRelay.Ingest.MpegTs.Tests;

[Trait("Category", "EndToEnd")]
public sealed class FfmpegTsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vr-ts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Demuxes_what_ffmpeg_wrote_with_the_same_frames_and_keyframes()
    {
        string ts = Path.Combine(_dir, "out.ts");
        Run("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine -t 2 -c:v libx264 -preset ultrafast -tune zerolatency -g 30 -c:a aac -f mpegts {ts}");
        // ffprobe's view: stream index, pts, key flag per packet.
        string[] probe = Run("ffprobe", $"-v error -show_entries packet=stream_index,pts,flags -of csv=p=0 {ts}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var probed = probe.Select(l => l.Split(',')).Select(f => (Stream: int.Parse(f[0], CultureInfo.InvariantCulture), Pts: long.Parse(f[1], CultureInfo.InvariantCulture), Key: f[2].StartsWith('K'))).ToArray();
        var probedVideo = probed.Where(p => p.Stream == 0).OrderBy(p => p.Pts).ToArray();
        var probedAudio = probed.Where(p => p.Stream == 1).OrderBy(p => p.Pts).ToArray();

        byte[] bytes = File.ReadAllBytes(ts);
        using TieredBufferPool pool = Pools.Diagnostic();
        var session = new RecordingSession();
        using (var demuxer = new TsDemuxer(session, pool))
        {
            for (int i = 0; i < bytes.Length; i += 1316)
            {
                demuxer.Feed(bytes.AsSpan(i, Math.Min(1316, bytes.Length - i)), i);
            }
            demuxer.Flush();
            Assert.Equal(0, demuxer.Counters.ContinuityErrors);
            Assert.Equal(0, demuxer.Counters.PesErrors);
            Assert.Equal(0, demuxer.Counters.AdtsErrors);
            Assert.False(demuxer.HasBFrames);
        }

        RecordingSession.Frame[] video = session.Video.ToArray();
        Assert.Equal(60, video.Length);
        Assert.Equal(probedVideo.Length, video.Length);
        Assert.Equal(probedVideo.Select(p => p.Pts), video.Select(f => f.Pts));
        Assert.Equal(probedVideo.Select(p => p.Key), video.Select(f => f.IsKeyframe));
        Assert.Equal([0, 30], video.Select((f, i) => (f, i)).Where(x => x.f.IsKeyframe).Select(x => x.i));
        CodecConfig config = video[0].Config!;
        Assert.Equal((640, 360, 30_000), (config.Width, config.Height, config.FrameRateMilli));
        foreach (RecordingSession.Frame frame in video)
        {
            AssertAvcc(frame.Payload);
        }

        RecordingSession.Frame[] audio = session.Audio.ToArray();
        Assert.Equal(probedAudio.Length, audio.Length);
        Assert.InRange(audio.Length, 86, 90);
        // FFmpeg interpolates the PTS of the 2nd… frames of a PES with its own rounding: allow one tick.
        Assert.All(audio.Zip(probedAudio), x => Assert.InRange(x.First.Pts - x.Second.Pts, -1, 1));
        Assert.Equal(44_100, audio[0].Config!.SampleRate);
        Assert.Equal(1, audio[0].Config!.Channels);
        Assert.Equal([0x12, 0x08], audio[0].Config!.AudioSpecificConfig);
    }

    [Fact]
    public void Detects_b_frames_in_what_ffmpeg_wrote()
    {
        string ts = Path.Combine(_dir, "bframes.ts");
        Run("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=320x240:rate=30 -t 1 -c:v libx264 -preset veryfast -bf 2 -g 30 -f mpegts {ts}");
        byte[] bytes = File.ReadAllBytes(ts);
        using TieredBufferPool pool = Pools.Diagnostic();
        var session = new RecordingSession();
        using (var demuxer = new TsDemuxer(session, pool))
        {
            demuxer.Feed(bytes, 0);
            demuxer.Flush();
            Assert.True(demuxer.HasBFrames);
        }
        RecordingSession.Frame[] video = session.Video.ToArray();
        Assert.Equal(30, video.Length);
        Assert.Contains(video, f => f.Pts > f.Dts);
        Assert.Equal(video.Select(f => f.Dts).Order(), video.Select(f => f.Dts));
    }

    /// <summary>Walks the 4-byte lengths: they must tile the payload exactly, with no AUD left.</summary>
    private static void AssertAvcc(byte[] payload)
    {
        int offset = 0;
        while (offset < payload.Length)
        {
            int length = payload[offset] << 24 | payload[offset + 1] << 16 | payload[offset + 2] << 8 | payload[offset + 3];
            Assert.InRange(length, 1, payload.Length - offset - 4);
            Assert.NotEqual(9, payload[offset + 4] & 0x1F);
            offset += 4 + length;
        }
        Assert.Equal(payload.Length, offset);
    }

    private static string Run(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
