namespace VideoRelay.Core.Media;

/// <summary>
/// Codec configuration shared by reference between all frames that use it: SPS/PPS for H.264,
/// AudioSpecificConfig for AAC. Immutable; a change makes a new instance (once per change, not per frame).
/// </summary>
public sealed class CodecConfig
{
    public CodecId Codec { get; init; }

    /// <summary>H.264 sequence parameter set (NAL unit without start code or length).</summary>
    public byte[] Sps { get; init; } = [];

    /// <summary>H.264 picture parameter set (NAL unit without start code or length).</summary>
    public byte[] Pps { get; init; } = [];

    /// <summary>AAC AudioSpecificConfig (ISO 14496-3).</summary>
    public byte[] AudioSpecificConfig { get; init; } = [];

    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>Frames per second × 1000 when known (e.g. 30000), else 0.</summary>
    public int FrameRateMilli { get; init; }

    public int SampleRate { get; init; }
    public int Channels { get; init; }

    /// <summary>H.264 profile_idc, constraint flags and level_idc as in the SDP profile-level-id (e.g. 0x42e01f).</summary>
    public int ProfileLevelId => Sps.Length >= 4 ? Sps[1] << 16 | Sps[2] << 8 | Sps[3] : 0;

    public override string ToString() => Codec switch
    {
        CodecId.H264 => $"H264 {Width}x{Height} profile-level-id {ProfileLevelId:x6}",
        CodecId.Aac or CodecId.Opus => $"{Codec} {SampleRate} Hz × {Channels}",
        _ => Codec.ToString(),
    };
}
