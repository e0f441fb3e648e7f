namespace VideoRelay.Transcode.Codecs;

/// <summary>What an <see cref="H264Encoder"/> is opened with.</summary>
public sealed record H264EncoderSettings
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public int FrameRateNumerator { get; init; } = 30;
    public int FrameRateDenominator { get; init; } = 1;

    /// <summary>Target and VBV maximum rate, bits per second.</summary>
    public required int Bitrate { get; init; }

    /// <summary>VBV buffer in milliseconds of <see cref="Bitrate"/>.</summary>
    public int VbvBufferMs { get; init; } = 1000;

    /// <summary>x264's own keyframe limit, frames (the transcoder forces aligned keyframes before this).</summary>
    public int MaxGopFrames { get; init; } = 250;

    /// <summary>x264 sliced threads (0 = auto).</summary>
    public int Threads { get; init; } = 1;

    public H264Profile Profile { get; init; } = H264Profile.ConstrainedBaseline;

    /// <summary>x264 preset (ultrafast … medium).</summary>
    public string Preset { get; init; } = "superfast";
}
