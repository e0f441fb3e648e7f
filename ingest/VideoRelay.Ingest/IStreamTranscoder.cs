using VideoRelay.Core.Media;

namespace VideoRelay.Ingest;

/// <summary>
/// What a live stream needs from a transcoder: source frames in (from the publisher's thread), renditions and
/// Opus audio out through the <see cref="ITranscodeSink"/> it was created with.
/// </summary>
public interface IStreamTranscoder : IDisposable
{
    void SetVideoConfig(CodecConfig config);
    void SetAudioConfig(CodecConfig config);

    /// <summary>Offers a source video frame; the transcoder adds its own reference when it takes it.</summary>
    bool TrySubmitVideo(in MediaFrame frame);

    /// <summary>Offers a source audio frame; the transcoder adds its own reference when it takes it.</summary>
    bool TrySubmitAudio(in MediaFrame frame);

    /// <summary>The next frame of every rendition is a keyframe.</summary>
    void RequestKeyframe();

    /// <summary>Figures of one rendition for listings: frames dropped, encode time p50/p99 in ms.</summary>
    bool TryGetRenditionFigures(int renditionId, out long dropped, out double encodeP50Ms, out double encodeP99Ms);
}

/// <summary>Where a transcoder delivers (called on its worker threads: one per rendition, one for audio).</summary>
public interface ITranscodeSink
{
    void OnRenditionAdded(RenditionLayout rendition);
    void OnVideoConfig(int renditionId, CodecConfig config);

    /// <summary>One encoded frame; one lease reference passes to the sink.</summary>
    void OnVideoFrame(int renditionId, in MediaFrame frame);
    void OnAudioConfig(CodecConfig opusConfig);

    /// <summary>One Opus frame; one lease reference passes to the sink.</summary>
    void OnAudioFrame(in MediaFrame frame);
}

/// <summary>A transcoded rung as the transcoder plans it.</summary>
public sealed record RenditionLayout(int Id, string Name, int Width, int Height, int BitrateKbps);

/// <summary>Makes a transcoder for a stream, or returns null when transcoding is unavailable/disabled.</summary>
public interface IStreamTranscoderFactory
{
    IStreamTranscoder? Create(string streamName, ITranscodeSink sink);
}
