using VideoRelay.Core.Media;

namespace VideoRelay.Transcode;

/// <summary>
/// Where a <see cref="Transcoder"/> delivers. Video calls for rendition r come from that rendition's
/// encoder thread only (one producer per rendition); audio calls come from the thread that calls
/// <see cref="Transcoder.TrySubmitAudio"/>. Each frame passes one lease reference to the output.
/// </summary>
public interface ITranscodeOutput
{
    /// <summary>A rendition's SPS/PPS (before its first frame, and again when they change).</summary>
    void OnVideoConfig(int rendition, CodecConfig config);

    /// <summary>One encoded access unit (AVCC, SEI of the source before the slices); the output owns one reference.</summary>
    void OnVideoFrame(int rendition, in MediaFrame frame);

    /// <summary>The Opus configuration (48 kHz stereo), before the first audio frame.</summary>
    void OnAudioConfig(CodecConfig opusConfig);

    /// <summary>One 20 ms Opus packet; the output owns one reference.</summary>
    void OnAudioFrame(in MediaFrame frame);
}
