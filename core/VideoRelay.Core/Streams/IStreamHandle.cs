using VideoRelay.Core.Media;

namespace VideoRelay.Core.Streams;

/// <summary>One stream as an edge sees it: its renditions, its audio, and subscriptions to them.</summary>
public interface IStreamHandle
{
    string Name { get; }

    /// <summary>Whether a publisher (or the origin) is feeding it now.</summary>
    bool IsLive { get; }

    /// <summary>Renditions offered to viewers, best first; index into this list is the rendition id.</summary>
    IReadOnlyList<RenditionInfo> Renditions { get; }

    /// <summary>Opus configuration of the audio viewers receive, or null when the stream has no (WebRTC-ready) audio.</summary>
    CodecConfig? AudioConfig { get; }

    /// <summary>Attaches a reader to a rendition's video (GOP cache first) and, optionally, to the audio.</summary>
    void Subscribe(int renditionId, FrameReader reader, bool withAudio);

    /// <summary>Attaches a reader to the stream's (Opus) audio only.</summary>
    void SubscribeAudio(FrameReader reader);

    /// <summary>Asks the source of a rendition for a keyframe (a viewer sent PLI/FIR). Rate-limited by the implementation.</summary>
    void RequestKeyframe(int renditionId);

    /// <summary>Raised (on any thread) when the rendition list or codec configuration changes.</summary>
    event Action? Changed;
}
