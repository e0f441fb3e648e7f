using VideoRelay.Core.Media;

namespace VideoRelay.Relay.Protocol;

/// <summary>A <see cref="CodecConfig"/> on the wire (inside STREAM_INFO and CONFIG).</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     codec     |            width            |    height ...   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  ... height   |              frame rate × 1000 ...            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      ...      |              sample rate (Hz) ...             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      ...      |   channels    |      SPS length (≤ 1024)      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  SPS ...   |  PPS length (≤ 1024) | PPS ... | ASC length (≤ 256) | ASC ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal static class CodecConfigWire
{
    public const int MaxParameterSetBytes = 1024;
    public const int MaxAudioConfigBytes = 256;

    public static bool TryRead(ref WireReader r, out CodecConfig config)
    {
        config = null!;
        if (!r.TryU8(out byte codec) || codec > (byte)CodecId.Opus ||
            !r.TryU16(out ushort width) || !r.TryU16(out ushort height) || !r.TryU32(out uint fps) ||
            !r.TryU32(out uint sampleRate) || !r.TryU8(out byte channels) ||
            fps > int.MaxValue || sampleRate > 1_000_000 ||
            !r.TryBlob16(MaxParameterSetBytes, out byte[] sps) ||
            !r.TryBlob16(MaxParameterSetBytes, out byte[] pps) ||
            !r.TryBlob16(MaxAudioConfigBytes, out byte[] asc))
        {
            return false;
        }
        config = new CodecConfig
        {
            Codec = (CodecId)codec,
            Width = width,
            Height = height,
            FrameRateMilli = (int)fps,
            SampleRate = (int)sampleRate,
            Channels = channels,
            Sps = sps,
            Pps = pps,
            AudioSpecificConfig = asc,
        };
        return true;
    }

    public static void Write(ref WireWriter w, CodecConfig config)
    {
        w.U8((byte)config.Codec);
        w.U16((ushort)Math.Clamp(config.Width, 0, ushort.MaxValue));
        w.U16((ushort)Math.Clamp(config.Height, 0, ushort.MaxValue));
        w.U32((uint)Math.Max(0, config.FrameRateMilli));
        w.U32((uint)Math.Max(0, config.SampleRate));
        w.U8((byte)Math.Clamp(config.Channels, 0, byte.MaxValue));
        w.Blob16(config.Sps, MaxParameterSetBytes);
        w.Blob16(config.Pps, MaxParameterSetBytes);
        w.Blob16(config.AudioSpecificConfig, MaxAudioConfigBytes);
    }

    /// <summary>Whether two configurations carry the same values (a re-sent STREAM_INFO keeps the old instance).</summary>
    public static bool SameValues(CodecConfig? a, CodecConfig? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null &&
            a.Codec == b.Codec && a.Width == b.Width && a.Height == b.Height && a.FrameRateMilli == b.FrameRateMilli &&
            a.SampleRate == b.SampleRate && a.Channels == b.Channels &&
            a.Sps.AsSpan().SequenceEqual(b.Sps) && a.Pps.AsSpan().SequenceEqual(b.Pps) &&
            a.AudioSpecificConfig.AsSpan().SequenceEqual(b.AudioSpecificConfig));
}
