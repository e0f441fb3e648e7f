using VideoRelay.Transcode.Codecs;

namespace VideoRelay.Transcode;

/// <summary>How a <see cref="Transcoder"/> builds its ladder and codecs.</summary>
public sealed record TranscoderOptions
{
    /// <summary>The default ladder: 720p 2.5 Mbit/s, 480p 1.2 Mbit/s, 360p 0.6 Mbit/s.</summary>
    public static IReadOnlyList<RenditionSpec> DefaultLadder { get; } =
    [
        new("720p", 720, 2_500_000),
        new("480p", 480, 1_200_000),
        new("360p", 360, 600_000),
    ];

    /// <summary>Rungs, tallest first is customary; a rung taller than the source is skipped (no upscaling).</summary>
    public IReadOnlyList<RenditionSpec> Renditions { get; init; } = DefaultLadder;

    /// <summary>Keyframe interval bound, seconds (every rendition keyframes on the same source frame).</summary>
    public double GopSeconds { get; init; } = 2.0;

    /// <summary>Frame rate used when the source's <c>CodecConfig.FrameRateMilli</c> is unknown.</summary>
    public int DefaultFrameRate { get; init; } = 30;

    public string Preset { get; init; } = "superfast";

    public H264Profile Profile { get; init; } = H264Profile.ConstrainedBaseline;

    /// <summary>x264 sliced threads per rendition (each rendition already has its own thread).</summary>
    public int EncoderThreads { get; init; } = 1;

    /// <summary>Decoder slice threads (1 = single-threaded; frame threads are never used).</summary>
    public int DecoderThreads { get; init; } = 1;

    /// <summary>VBV buffer, milliseconds of each rendition's bitrate.</summary>
    public int VbvBufferMs { get; init; } = 1000;

    /// <summary>Use SWS_FAST_BILINEAR instead of SWS_BILINEAR.</summary>
    public bool FastBilinear { get; init; }

    /// <summary>Source frames waiting for the decoder (power of two).</summary>
    public int InputQueueCapacity { get; init; } = 64;

    /// <summary>Decoded pictures waiting per rendition encoder (power of two): beyond this it fell behind and drops.</summary>
    public int EncoderQueueCapacity { get; init; } = 4;

    /// <summary>Opus bitrate, bits per second (stereo).</summary>
    public int AudioBitrate { get; init; } = 96_000;
}
