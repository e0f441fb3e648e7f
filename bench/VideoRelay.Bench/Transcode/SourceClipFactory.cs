using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using VideoRelay.Core.Media;
using VideoRelay.TestSource;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Bench.Transcode;

/// <summary>
/// Makes the transcoder's input before the clock starts, so encoding the source costs the measurement nothing:
/// <list type="bullet">
/// <item><c>pattern</c>: the demo source's picture (<see cref="TestPatternGenerator"/>: bars, ramp, a moving box,
///   counters) encoded by the shim's <see cref="H264Encoder"/> (x264 veryfast, zerolatency, High profile, like OBS's
///   defaults without B-frames). Mostly static: easy for the ladder's encoders.</item>
/// <item><c>testsrc2</c>: ffmpeg's lavfi testsrc2 (more motion and texture) through the ffmpeg CLI with the same
///   x264 settings, Annex B split into AVCC access units.</item>
/// </list>
/// </summary>
public static class SourceClipFactory
{
    public const int FrameRate = 30;

    public static int BitrateFor(int height) => height >= 1080 ? 6_000_000 : 4_000_000;

    public static SourceClip Create(string content, int width, int height, int frames) => content switch
    {
        "pattern" => Pattern(width, height, frames),
        "testsrc2" => Ffmpeg(width, height, frames),
        _ => throw new ArgumentException($"unknown --content '{content}' (pattern | testsrc2)", nameof(content)),
    };

    private static unsafe SourceClip Pattern(int width, int height, int frames)
    {
        int bitrate = BitrateFor(height);
        using var encoder = new H264Encoder(new H264EncoderSettings
        {
            Width = width,
            Height = height,
            FrameRateNumerator = FrameRate,
            Bitrate = bitrate,
            MaxGopFrames = 4 * 2 * FrameRate,
            Profile = H264Profile.High,
            Preset = "veryfast",
        });
        var pattern = new TestPatternGenerator(width, height);
        byte[] buffer = new byte[8 << 20];
        List<byte[]> units = new(frames);
        List<bool> keys = new(frames);
        long captureMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (int i = 0; i < frames; i++)
        {
            Check(encoder.GetInput(out VrPlanes p), "input");
            pattern.Render(
                new Span<byte>(p.Y, p.StrideY * height), p.StrideY,
                new Span<byte>(p.U, p.StrideU * (height / 2)), p.StrideU,
                new Span<byte>(p.V, p.StrideV * (height / 2)), p.StrideV,
                i, captureMs + i * 1000L / FrameRate);
            Check(encoder.SendInput(i * 90_000L / FrameRate, i % (2 * FrameRate) == 0), "send");
            int rc;
            while ((rc = encoder.Receive(default, buffer, out VrEncoded unit)) == 0)
            {
                units.Add(buffer[..unit.Length]);
                keys.Add(unit.KeyFrame != 0);
            }
            if (rc != (int)VrError.Again)
            {
                Check(rc, "receive");
            }
        }
        if (!encoder.TryGetParameterSets(out byte[] sps, out byte[] pps))
        {
            throw new InvalidOperationException("the source encoder gave no SPS/PPS");
        }
        return new SourceClip($"TestPatternGenerator → x264 veryfast/zerolatency High {bitrate / 1_000_000.0:0.#} Mbit/s, GOP 2 s",
            units, keys, Config(sps, pps, width, height));
    }

    private static SourceClip Ffmpeg(int width, int height, int frames)
    {
        int bitrate = BitrateFor(height);
        string path = Path.Combine(Path.GetTempPath(), $"vr-bench-{Environment.ProcessId}-{width}x{height}.h264");
        string arguments = string.Create(CultureInfo.InvariantCulture,
            $"-hide_banner -loglevel error -y -f lavfi -i testsrc2=size={width}x{height}:rate={FrameRate} -frames:v {frames} " +
            $"-c:v libx264 -preset veryfast -tune zerolatency -profile:v high -bf 0 -g {2 * FrameRate} -b:v {bitrate} " +
            $"-maxrate {bitrate} -bufsize {bitrate} -pix_fmt yuv420p -f h264 {path}");
        try
        {
            using (Process p = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true, UseShellExecute = false })
                ?? throw new InvalidOperationException("ffmpeg did not start"))
            {
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ffmpeg failed: {err}");
                }
            }
            byte[] annexB = File.ReadAllBytes(path);
            return FromAnnexB(annexB, width, height,
                $"ffmpeg testsrc2 → x264 veryfast/zerolatency High {bitrate / 1_000_000.0:0.#} Mbit/s, GOP 2 s");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Splits an Annex B stream at start codes and groups NAL units into access units: a new one starts at an
    /// access-unit delimiter, SEI, SPS or PPS, or at a slice whose first_mb_in_slice is 0, once the current one holds a slice.
    /// </summary>
    private static SourceClip FromAnnexB(byte[] annexB, int width, int height, string description)
    {
        List<byte[]> units = [];
        List<bool> keys = [];
        List<ReadOnlyMemory<byte>> current = [];
        bool hasSlice = false, key = false;
        byte[]? sps = null, pps = null;
        foreach (ReadOnlyMemory<byte> nal in SplitAnnexB(annexB))
        {
            int type = nal.Span[0] & 0x1F;
            bool isSlice = type is 1 or 5;
            bool startsPicture = type is 6 or 7 or 8 or 9 || (isSlice && nal.Length > 1 && (nal.Span[1] & 0x80) != 0);
            if (hasSlice && startsPicture)
            {
                units.Add(ToAvcc(current));
                keys.Add(key);
                current.Clear();
                hasSlice = key = false;
            }
            if (type == 7)
            {
                sps ??= nal.ToArray();
            }
            else if (type == 8)
            {
                pps ??= nal.ToArray();
            }
            if (type != 9)
            {
                current.Add(nal);
            }
            hasSlice |= isSlice;
            key |= type == 5;
        }
        if (hasSlice)
        {
            units.Add(ToAvcc(current));
            keys.Add(key);
        }
        if (sps is null || pps is null)
        {
            throw new InvalidOperationException("no SPS/PPS in the ffmpeg output");
        }
        return new SourceClip(description, units, keys, Config(sps, pps, width, height));
    }

    private static List<ReadOnlyMemory<byte>> SplitAnnexB(byte[] data)
    {
        List<ReadOnlyMemory<byte>> nals = [];
        int start = -1;
        for (int i = 0; i + 2 < data.Length; i++)
        {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1)
            {
                if (start >= 0)
                {
                    int end = i;
                    while (end > start && data[end - 1] == 0)
                    {
                        end--; // the leading zero of a 4-byte start code, or trailing_zero_8bits
                    }
                    nals.Add(data.AsMemory(start, end - start));
                }
                start = i + 3;
                i += 2;
            }
        }
        if (start >= 0 && start < data.Length)
        {
            nals.Add(data.AsMemory(start));
        }
        return nals;
    }

    private static byte[] ToAvcc(List<ReadOnlyMemory<byte>> nals)
    {
        byte[] unit = new byte[nals.Sum(n => 4 + n.Length)];
        int o = 0;
        foreach (ReadOnlyMemory<byte> nal in nals)
        {
            BinaryPrimitives.WriteInt32BigEndian(unit.AsSpan(o), nal.Length);
            nal.Span.CopyTo(unit.AsSpan(o + 4));
            o += 4 + nal.Length;
        }
        return unit;
    }

    private static CodecConfig Config(byte[] sps, byte[] pps, int width, int height) => new()
    {
        Codec = CodecId.H264,
        Sps = sps,
        Pps = pps,
        Width = width,
        Height = height,
        FrameRateMilli = FrameRate * 1000,
    };

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new InvalidOperationException($"source encoder {what} failed: {(VrError)rc}");
        }
    }
}
