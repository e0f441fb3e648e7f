using System.Diagnostics;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Tests;

/// <summary>Sources for the tests: clips made by the ffmpeg CLI, or by our own encoder; frames in pooled leases.</summary>
internal static class TestMedia
{
    public static TieredBufferPool CreatePool() =>
        new("transcode-tests", diagnostic: true, (2 * 1024, 1024), (64 * 1024, 256), (1024 * 1024, 32));

    /// <summary>Runs ffmpeg (quiet) and returns the bytes of the output file.</summary>
    public static byte[] RunFfmpeg(string arguments, string outputName)
    {
        string dir = Path.Combine(Path.GetTempPath(), "vr-transcode-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string output = Path.Combine(dir, outputName);
            using Process p = Process.Start(new ProcessStartInfo("ffmpeg", $"-hide_banner -loglevel error -y {arguments} {output}")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            string err = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "ffmpeg timed out");
            Assert.True(p.ExitCode == 0, $"ffmpeg failed: {err}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>A 720p30 H.264 clip from ffmpeg as AVCC access units plus its SPS/PPS.</summary>
    public static (List<byte[]> Units, CodecConfig Config) FfmpegClip(double seconds, int bFrames, string size = "1280x720")
    {
        byte[] annexB = RunFfmpeg(
            $"-f lavfi -i testsrc2=size={size}:rate=30 -t {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
            $"-c:v libx264 -preset ultrafast -bf {bFrames} -g 15 -pix_fmt yuv420p -f h264", "clip.h264");
        var nals = H264Bitstream.SplitAnnexB(annexB);
        byte[] sps = nals.First(n => (n[0] & 0x1f) == 7);
        byte[] pps = nals.First(n => (n[0] & 0x1f) == 8);
        var units = H264Bitstream.GroupAccessUnits(nals).Select(H264Bitstream.ToAvcc).ToList();
        string[] wh = size.Split('x');
        return (units, new CodecConfig { Codec = CodecId.H264, Sps = sps, Pps = pps, Width = int.Parse(wh[0]), Height = int.Parse(wh[1]), FrameRateMilli = 30_000 });
    }

    /// <summary>A clip made by our own encoder (no ffmpeg CLI): a moving pattern, keyframes where asked.</summary>
    public static unsafe (List<byte[]> Units, CodecConfig Config) OwnClip(int width, int height, int frames, Func<int, bool> keyframe)
    {
        using H264Encoder encoder = new(new H264EncoderSettings { Width = width, Height = height, Bitrate = 1_000_000, Preset = "ultrafast" });
        List<byte[]> units = [];
        byte[] buffer = new byte[1 << 20];
        for (int i = 0; i < frames; i++)
        {
            Assert.Equal(0, encoder.GetInput(out VrPlanes p));
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    p.Y[y * p.StrideY + x] = (byte)(x + y + 4 * i);
                }
            }
            for (int y = 0; y < height / 2; y++)
            {
                for (int x = 0; x < width / 2; x++)
                {
                    p.U[y * p.StrideU + x] = (byte)(128 + i);
                    p.V[y * p.StrideV + x] = (byte)(128 - i);
                }
            }
            Assert.Equal(0, encoder.SendInput(i * 3000L, keyframe(i)));
            Assert.Equal(0, encoder.Receive(default, buffer, out VrEncoded unit));
            units.Add(buffer[..unit.Length]);
        }
        Assert.True(encoder.TryGetParameterSets(out byte[] sps, out byte[] pps));
        return (units, new CodecConfig { Codec = CodecId.H264, Sps = sps, Pps = pps, Width = width, Height = height, FrameRateMilli = 30_000 });
    }

    /// <summary>Copies a payload into a pooled lease as a source frame (the caller releases it after submitting).</summary>
    public static MediaFrame Frame(TieredBufferPool pool, CodecId codec, byte[] payload, long pts, CodecConfig config, bool key, int duration = 3000)
    {
        Assert.True(pool.TryRent(payload.Length, out BufferLease lease));
        payload.CopyTo(lease.Span);
        lease.SetLength(payload.Length);
        MediaFrame frame = new()
        {
            Codec = codec,
            Flags = key ? FrameFlags.Keyframe : FrameFlags.None,
            StreamId = 7,
            Pts = pts,
            Dts = pts,
            Duration = duration,
            Lease = lease,
            Length = payload.Length,
            Config = config,
        };
        frame.Timing.StampNow(Hop.Capture);
        return frame;
    }

    public static bool IsKeyframeUnit(byte[] avcc) => H264Bitstream.SplitAvcc(avcc).Any(n => (n[0] & 0x1f) == 5);

    /// <summary>Decodes AVCC units with our decoder: (width, height) per picture and the decoder's reorder depth.</summary>
    public static (List<(int W, int H)> Pictures, int ReorderDepth) Decode(IEnumerable<byte[]> units)
    {
        using H264Decoder decoder = new(default, default);
        List<(int, int)> pictures = [];
        long token = 0;
        foreach (byte[] unit in units)
        {
            Assert.Equal(0, decoder.Send(unit, token++));
            while (decoder.Receive(out VrPicture picture) == 0)
            {
                pictures.Add((picture.Planes.Width, picture.Planes.Height));
                H264Decoder.ReleaseFrame(picture.Frame);
            }
        }
        return (pictures, decoder.ReorderDepth);
    }
}
